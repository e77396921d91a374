using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuestionBank.Contracts;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Execution;

namespace QuestionBank.Sandbox.Tests.Infrastructure;

/// <summary>The real executor and jail, with limits a test chooses.</summary>
public static class TestSandbox
{
    public static IHost CreateHost(IDictionary<string, string?>? settings = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        configure?.Invoke(builder);
        builder.AddSandbox();
        return builder.Build();
    }

    public static async Task<RunResult> RunAsync(
        string exercise, string source, IDictionary<string, string?>? settings = null, ExerciseParameters? parameters = null,
        string language = ExerciseLanguages.CSharp, IRunObserver? observer = null)
    {
        using var host = CreateHost(settings);
        var request = new RunRequest(exercise, source, "cpu", parameters ?? ExerciseCatalog.Find(exercise)!.Defaults, language);
        return await host.Services.GetRequiredService<RunExecutor>().ExecuteAsync(request, observer, CancellationToken.None);
    }

    public static Dictionary<string, string?> Limits(int timeoutSeconds = 60, int memoryMb = 2048) => new()
    {
        [$"{SandboxOptions.SectionName}:TimeoutSeconds"] = $"{timeoutSeconds}",
        [$"{SandboxOptions.SectionName}:MemoryMb"] = $"{memoryMb}",
    };
}
