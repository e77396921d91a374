using QuestionBank.Data;
using QuestionBank.Data.Runs;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Preparation;
using QuestionBank.Sandbox.Worker;

namespace QuestionBank.Sandbox;

public static class SandboxExtensions
{
    /// <summary>Registers what executes runs: the jail, the judges' trusted networks and the executor.</summary>
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        builder.Services.AddSingleton<TrustedJobs>();
        builder.Services.AddSingleton<TrustedDigitClassifier>();
        builder.Services.AddSingleton<TrustedDigitNetScorer>();
        builder.Services.AddSingleton<SandboxJail>();
        builder.Services.AddSingleton<RunExecutor>();
        return builder;
    }

    /// <summary>
    /// Registers a worker that takes queued runs from the bank's database, which is registered
    /// apart (the web app does so; <see cref="AddSandboxDatabase"/> for a standalone worker).
    /// </summary>
    public static IHostApplicationBuilder AddSandboxWorker(this IHostApplicationBuilder builder)
    {
        builder.AddSandbox();
        builder.Services.AddScoped<RunQueue>();
        builder.Services.AddRunMetrics();
        // Registered before the worker, which waits for it, so a first start prepares the sandbox home.
        builder.Services.AddSingleton<SandboxPreparation>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SandboxPreparation>());
        builder.Services.AddHostedService<SandboxWorker>();
        return builder;
    }

    /// <summary>The database of a standalone worker: <c>ConnectionStrings:QuestionBank</c>, which must be set.</summary>
    public static IHostApplicationBuilder AddSandboxDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "A sandbox worker needs the bank's database: set ConnectionStrings__QuestionBank (the web app's embedded default starts its own worker).");
        }
        builder.Services.AddQuestionBankDatabase(connectionString);
        return builder;
    }
}
