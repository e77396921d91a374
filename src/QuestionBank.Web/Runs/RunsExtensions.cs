using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QuestionBank.Data.Reviews;
using QuestionBank.Data.Runs;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Runs;

public static class RunsExtensions
{
    public const string SubmitPolicy = "runs";

    /// <summary>
    /// Registers exercise runs: the queue, the queries, the event hub behind the streams, counting learners' runs as reviews, the learner's run list, the
    /// per-client rate limit, and a sandbox worker (a child process, <see cref="EmbeddedWorker"/>) when asked to or, unless told otherwise, by
    /// <paramref name="runWorkerByDefault"/> (with the embedded database). Call after the database
    /// is registered: the worker starts after it.
    /// </summary>
    public static void AddRuns(this WebApplicationBuilder builder, bool runWorkerByDefault)
    {
        var services = builder.Services;
        services.AddOptions<RunsOptions>().BindConfiguration(RunsOptions.SectionName);
        services.AddScoped<RunQueue>();
        services.AddScoped<RunQueries>();
        services.AddRunMetrics();
        services.AddHostedService<QueueLengthSampler>();
        services.AddSingleton<RunEventHub>();
        services.AddHostedService(provider => provider.GetRequiredService<RunEventHub>());
        services.AddScoped<RunReviewCredits>();
        services.AddHostedService<RunReviewCreditor>();
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizePage("/Me/Runs", AccountsExtensions.LearnerPolicy));
        services.AddRateLimiter(options => options.AddPolicy(SubmitPolicy, context =>
            ClientRateLimits.PerMinute(context, context.RequestServices.GetRequiredService<IOptions<RunsOptions>>().Value.PerMinute)));

        var runWorker = builder.Configuration.GetValue<bool?>($"{RunsOptions.SectionName}:{nameof(RunsOptions.RunWorker)}")
            ?? runWorkerByDefault;
        if (runWorker)
        {
            services.AddSingleton<EmbeddedWorker>();
            services.AddHostedService(provider => provider.GetRequiredService<EmbeddedWorker>());
        }
    }
}
