using System.Diagnostics;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>The web app's own executable run with CLI arguments, as an operator runs it.</summary>
public static class WebCommandLine
{
    /// <summary>Runs the app with <paramref name="arguments"/> and <paramref name="environment"/> (a database to use, a data folder); its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "QuestionBank.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["QuestionBank__ContentDirectory"] = Path.Combine(QuestionBankApp.RepoRoot, "content");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Settings for a command on the database <paramref name="connectionString"/>.</summary>
    public static Dictionary<string, string?> On(string connectionString) => new() { ["ConnectionStrings__QuestionBank"] = connectionString };
}
