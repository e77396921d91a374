using QuestionBank.Sandbox.Compilation;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Runs;

namespace QuestionBank.Sandbox;

public static class SandboxExtensions
{
    /// <summary>Registers what executes runs: the compiler, the jail and the executor.</summary>
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        builder.Services.AddSingleton<SolutionCompiler>();
        builder.Services.AddSingleton<SandboxJail>();
        builder.Services.AddSingleton<RunExecutor>();
        return builder;
    }
}
