using System.Diagnostics;
using System.Text.Json;
using QuestionBank.Contracts;
using QuestionBank.Sandbox.Jail;

namespace QuestionBank.Sandbox.Benchmarks;

/// <summary>
/// Runs the runner on the same runtime root as the jail but without its isolation and limits: the
/// baseline for the jail's overhead.
/// </summary>
public static class DirectRunner
{
    public static async Task RunAsync(SandboxOptions options, RunnerHeader job, string source,
        IReadOnlyDictionary<string, byte[]> files, Action<RunnerMessage> onMessage)
    {
        files = new Dictionary<string, byte[]>(files) { [job.SourceFileName] = System.Text.Encoding.UTF8.GetBytes(source) };
        var root = RuntimeRoot.Resolve(options);
        ProcessStartInfo start;
        if (root == "/")
        {
            start = new ProcessStartInfo(Path.Combine(options.DotnetRoot, "dotnet"))
            {
                ArgumentList = { Path.Combine(options.RunnerDirectory, "QuestionBank.Sandbox.Runner.dll") },
            };
        }
        else
        {
            // The runtime root has to be the process's /usr, and only a mount namespace can do that:
            // bubblewrap with the jail's mounts and nothing else (no other namespaces, no user
            // change, no seccomp, no cgroups, no rlimits).
            start = new ProcessStartInfo(options.BubblewrapPath);
            string[] arguments =
            [
                "--ro-bind", Path.Combine(root, "usr"), "/usr",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                "--ro-bind", options.DotnetRoot, "/opt/dotnet",
                "--ro-bind", options.RunnerDirectory, "/app",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--", "/opt/dotnet/dotnet", "/app/QuestionBank.Sandbox.Runner.dll",
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";

        using var process = Process.Start(start)!;
        var header = JsonSerializer.SerializeToUtf8Bytes(
            job with { Files = [.. files.Select(file => new RunnerFile(file.Key, file.Value.Length))] }, RunnerMessage.Json);
        await process.StandardInput.BaseStream.WriteAsync(header);
        process.StandardInput.BaseStream.WriteByte((byte)'\n');
        foreach (var file in files.Values)
        {
            await process.StandardInput.BaseStream.WriteAsync(file);
        }
        await process.StandardInput.BaseStream.FlushAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var message = JsonSerializer.Deserialize<RunnerMessage>(line, RunnerMessage.Json)!;
            onMessage(message);
            if (message.Type is RunnerMessage.Ready or RunnerMessage.Failure)
            {
                break;
            }
        }
        process.Kill();
        await process.WaitForExitAsync();
    }
}
