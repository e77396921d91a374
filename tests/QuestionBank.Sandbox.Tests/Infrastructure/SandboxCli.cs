using System.Diagnostics;
using System.Text.Json;

namespace QuestionBank.Sandbox.Tests.Infrastructure;

/// <summary>Runs the sandbox's command line (the built QuestionBank.Sandbox.dll) as a user would.</summary>
public static class SandboxCli
{
    public sealed record Outcome(int ExitCode, JsonElement Result, string Progress)
    {
        public string Status => Result.GetProperty("status").GetString()!;

        public double Metric(string name) => Result.GetProperty("metrics").GetProperty(name).GetDouble();
    }

    public static async Task<Outcome> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "QuestionBank.Sandbox.dll"));
        start.ArgumentList.Add("run");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var progress = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lastLine = (await output).TrimEnd().Split('\n')[^1];
        var result = lastLine.StartsWith('{') ? JsonDocument.Parse(lastLine).RootElement.Clone() : default;
        return new Outcome(process.ExitCode, result, await progress);
    }
}
