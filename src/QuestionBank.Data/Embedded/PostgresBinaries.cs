using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace QuestionBank.Data.Embedded;

/// <summary>Where PostgreSQL's programs are: the embedded cluster's server and the backup tools.</summary>
public static class PostgresBinaries
{
    /// <summary>What to tell someone who must install the server binaries themselves.</summary>
    public const string InstallCommand = "sudo apt-get install postgresql";

    /// <summary>The folder that holds every one of <paramref name="programs"/>: from PATH, else the newest under /usr/lib/postgresql.</summary>
    public static string Find(params string[] programs) =>
        TryFind(programs) ?? throw new InvalidOperationException(
            $"PostgreSQL's {string.Join(", ", programs)} were not found on PATH or under /usr/lib/postgresql: run `{InstallCommand}` " +
            "(or set ConnectionStrings:QuestionBank to a server of your own).");

    /// <summary>
    /// <see cref="Find"/>, after installing PostgreSQL with apt-get when it is missing and this process
    /// may (as root, or through sudo without a password), as the sandbox's preparation does for bubblewrap.
    /// </summary>
    /// <exception cref="PrerequisiteMissingException">They are missing and cannot be installed here; the message names the command to run.</exception>
    public static async Task<string> FindOrInstallAsync(ILogger logger, CancellationToken cancellationToken, params string[] programs)
    {
        if (TryFind(programs) is { } found)
        {
            return found;
        }

        string[] sudo = Environment.IsPrivilegedProcess ? [] : ["sudo", "-n"];
        if (!File.Exists("/usr/bin/apt-get") || (sudo.Length > 0 && await RunAsync("sudo", ["-n", "true"], cancellationToken) != 0))
        {
            throw new PrerequisiteMissingException(
                $"PostgreSQL's server binaries are missing, and installing them needs root: run `{InstallCommand}` (or your system's equivalent), " +
                "then start again; or set ConnectionStrings:QuestionBank to a server of your own.");
        }

        logger.LogInformation("PostgreSQL's server binaries are missing: installing them with apt-get install postgresql");
        foreach (var arguments in new[] { new[] { "apt-get", "update", "-qq" }, ["apt-get", "install", "-y", "-qq", "postgresql"] })
        {
            string[] command = [.. sudo, .. arguments];
            if (await RunAsync(command[0], command[1..], cancellationToken) != 0)
            {
                throw new PrerequisiteMissingException($"`{string.Join(' ', command)}` failed: run `{InstallCommand}` yourself, then start again.");
            }
        }

        return Find(programs);
    }

    private static string? TryFind(string[] programs)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => File.Exists(Path.Combine(dir, programs[0])))
            .Select(dir => Path.GetDirectoryName(new FileInfo(Path.Combine(dir, programs[0])).ResolveLinkTarget(true)?.FullName ?? Path.Combine(dir, programs[0]))!);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return onPath.Concat(installed).FirstOrDefault(d => programs.All(program => File.Exists(Path.Combine(d, program))));
    }

    private static async Task<int> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
