using System.Diagnostics;
using System.Text.Json;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Benchmarks;

/// <summary>
/// Runs the runner on the same runtime root as the jail but with no namespaces and no limits: the
/// root's own dynamic loader and libraries, started directly. The baseline for the jail's overhead.
/// </summary>
public static class DirectRunner
{
    public static async Task RunAsync(SandboxOptions options, RunnerJob job, byte[] solution,
        IReadOnlyDictionary<string, byte[]> files, Action<RunnerMessage> onMessage)
    {
        var work = Directory.CreateTempSubdirectory("qb-direct-");
        try
        {
            var solutionPath = Path.Combine(work.FullName, "solution.dll");
            await File.WriteAllBytesAsync(solutionPath, solution);
            var dotnet = Path.Combine(options.DotnetRoot, "dotnet");
            var runner = Path.Combine(options.RunnerDirectory, "QuestionBank.Sandbox.Runner.dll");
            var root = RuntimeRoot.Resolve(options);
            var start = root == "/"
                ? new ProcessStartInfo(dotnet)
                : new ProcessStartInfo(Path.Combine(root, "usr/lib64/ld-linux-x86-64.so.2"))
                {
                    ArgumentList = { "--library-path", Path.Combine(root, "usr/lib/x86_64-linux-gnu"), dotnet },
                };
            start.ArgumentList.Add(runner);
            start.ArgumentList.Add(solutionPath);
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
            start.Environment["DOTNET_ROOT"] = options.DotnetRoot;

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
                if (message.Type == RunnerMessage.Result)
                {
                    break;
                }
            }
            process.Kill();
            await process.WaitForExitAsync();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
