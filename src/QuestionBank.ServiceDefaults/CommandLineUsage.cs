using System.CommandLine;

namespace QuestionBank.ServiceDefaults;

/// <summary>How every QuestionBank command line treats input it cannot parse.</summary>
public static class CommandLineUsage
{
    /// <summary>The exit code of a command line with an unknown option, a missing value or a bad number.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs the parsed command, or writes each parse error and where to find the usage to standard
    /// error and returns <see cref="UsageError"/> without running anything.
    /// </summary>
    public static async Task<int> InvokeOrReportUsageAsync(this ParseResult parsed)
    {
        if (parsed.Errors.Count == 0)
        {
            return await parsed.InvokeAsync();
        }
        foreach (var error in parsed.Errors)
        {
            await Console.Error.WriteLineAsync(error.Message);
        }
        await Console.Error.WriteLineAsync($"See '{parsed.CommandResult.Command.Name} --help' for the usage.");
        return UsageError;
    }
}
