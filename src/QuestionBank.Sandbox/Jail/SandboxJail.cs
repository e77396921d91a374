using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// Runs the runner in a bubblewrap jail: its own user, pid, network, IPC and UTS namespaces (so
/// no network at all), no capabilities, a read-only /usr (the host's or the prepared runtime
/// root), the runner's folder and .NET read-only, a size-capped /tmp and nothing else of the host:
/// no home, no /root, no /etc, no repository, no configuration, no environment; a seccomp filter
/// refuses new processes, namespaces, mounts and other kernel attack surface (<see cref="SeccompFilter"/>). Limits: cgroups
/// (memory, processes, CPU weight), an rlimit on CPU time, a wall-clock timeout, and caps on output.
/// </summary>
public sealed class SandboxJail(IOptions<SandboxOptions> options, ILogger<SandboxJail> logger)
{
    // Joins the run's cgroups before anything of the jail exists, and opens the seccomp program
    // as descriptor 3 for bubblewrap (a child process started from .NET gets no other descriptors).
    private const string JoinCgroupsAndExec =
        "for procs in $QB_CGROUP_PROCS; do echo $$ > \"$procs\" || exit 125; done; if [ -n \"$QB_SECCOMP\" ]; then exec 3< \"$QB_SECCOMP\"; fi; exec \"$@\"";
    private const int MaxLineBytes = 4 * 1024 * 1024;
    private const int MaxErrorBytes = 16 * 1024;
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);
    private static readonly string[] RunnerCommand = ["/opt/dotnet/dotnet", "/app/QuestionBank.Sandbox.Runner.dll", "/job/solution.dll"];

    private readonly SandboxOptions settings = options.Value;

    /// <summary>Runs <paramref name="job"/>; every protocol line goes to <paramref name="onMessage"/>.</summary>
    public Task<JailOutcome> RunAsync(
        RunnerJob job, byte[]? solution, IReadOnlyDictionary<string, byte[]> files,
        Action<RunnerMessage> onMessage, CancellationToken cancellationToken) =>
        RunInJailAsync(settings.RunnerDirectory, RunnerCommand, solution,
            (process, cgroups) => SuperviseAsync(process, job, files, onMessage, cgroups, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a trusted program (tests' probes) in exactly the jail a run gets: <paramref name="programDirectory"/>
    /// is bound at /app, <paramref name="command"/> runs with nothing on standard input, and all it
    /// prints is in <see cref="JailOutcome.Output"/>.
    /// </summary>
    internal Task<JailOutcome> RunProgramAsync(string programDirectory, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunInJailAsync(programDirectory, command, null,
            (process, cgroups) => SuperviseAsync(process, null, new Dictionary<string, byte[]>(), _ => { }, cgroups, cancellationToken), cancellationToken);

    private async Task<JailOutcome> RunInJailAsync(
        string programDirectory, IReadOnlyList<string> command, byte[]? solution,
        Func<Process, CgroupLimits?, Task<JailOutcome>> supervise, CancellationToken cancellationToken)
    {
        var root = RuntimeRoot.Resolve(settings);
        var jobDirectory = Directory.CreateTempSubdirectory("qb-job-");
        var name = jobDirectory.Name;
        using var cgroups = CgroupLimits.TryCreate(name, settings, logger);
        if (cgroups is null && settings.RequireCgroups)
        {
            jobDirectory.Delete(recursive: true);
            throw new InvalidOperationException(
                "The sandbox cannot set cgroup limits on this host. Run the worker as root (or with a delegated cgroup), or set QuestionBank:Sandbox:RequireCgroups=false for development.");
        }
        try
        {
            // The jail's user (nobody) must read the job folder.
            if (!OperatingSystem.IsWindows())
            {
                jobDirectory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            }
            if (SeccompFilter.IsSupported)
            {
                await File.WriteAllBytesAsync(Path.Combine(jobDirectory.FullName, "seccomp.bpf"), SeccompFilter.Build(), cancellationToken);
            }
            if (solution is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(jobDirectory.FullName, "solution.dll"), solution, cancellationToken);
            }
            using var parent = ParentThread.Start(StartInfo(root, jobDirectory.FullName, cgroups, programDirectory, command), name);
            using var process = await parent.Process;
            return await supervise(process, cgroups);
        }
        finally
        {
            jobDirectory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Starts the jail from a thread that lives until the run ends. --die-with-parent is the
    /// kernel's parent-death signal, which fires when the thread that forked the child exits, not
    /// the process; started from a pool thread, the jail would be killed whenever the pool retires it.
    /// </summary>
    private sealed class ParentThread : IDisposable
    {
        private readonly TaskCompletionSource<Process> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim ended = new();

        public Task<Process> Process => started.Task;

        public static ParentThread Start(ProcessStartInfo startInfo, string name)
        {
            var parent = new ParentThread();
            new Thread(() =>
            {
                try
                {
                    parent.started.SetResult(System.Diagnostics.Process.Start(startInfo)
                        ?? throw new InvalidOperationException("Could not start bubblewrap."));
                }
                catch (Exception exception)
                {
                    parent.started.SetException(exception);
                    return;
                }
                parent.ended.Wait();
            })
            { IsBackground = true, Name = $"jail {name}" }.Start();
            return parent;
        }

        public void Dispose()
        {
            ended.Set();
        }
    }

    private async Task<JailOutcome> SuperviseAsync(
        Process process, RunnerJob? job, IReadOnlyDictionary<string, byte[]> files,
        Action<RunnerMessage> onMessage, CgroupLimits? cgroups, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var output = new StringBuilder();
        var outputLimit = settings.OutputLimitKb * 1024;
        var reading = ReadProtocolAsync(process.StandardOutput.BaseStream, job?.Token, onMessage, output, outputLimit);
        var errors = ReadTailAsync(process.StandardError.BaseStream);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            if (job is null)
            {
                process.StandardInput.Close();
            }
            else
            {
                await WriteJobAsync(process.StandardInput.BaseStream, job, files, stop.Token);
            }
            await process.WaitForExitAsync(stop.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            if (job is not null && cancellationToken.IsCancellationRequested && !timeout.IsCancellationRequested)
            {
                await AskToCancelAsync(process);
            }
            Kill(process, cgroups);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        await Task.WhenAll(reading, errors);
        return new JailOutcome(
            process.ExitCode,
            TimedOut: timeout.IsCancellationRequested,
            Cancelled: cancellationToken.IsCancellationRequested && !timeout.IsCancellationRequested,
            OutOfMemory: cgroups?.OutOfMemoryKilled() ?? false,
            Output: output.ToString(),
            Errors: await errors,
            Wall: clock.Elapsed);
    }

    private ProcessStartInfo StartInfo(
        string root, string jobDirectory, CgroupLimits? cgroups, string programDirectory, IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        start.Environment["QB_CGROUP_PROCS"] = cgroups is null ? "" : string.Join(' ', cgroups.ProcsFiles);
        start.Environment["QB_SECCOMP"] = SeccompFilter.IsSupported ? Path.Combine(jobDirectory, "seccomp.bpf") : "";
        string[] seccomp = SeccompFilter.IsSupported ? ["--seccomp", "3"] : [];
        var deviceNodes = settings.DeviceNodes.SelectMany(node => new[] { "--dev-bind", node, node });
        string[] arguments =
        [
            "-c", JoinCgroupsAndExec, "sh",
            "prlimit", $"--cpu={settings.EffectiveCpuSeconds}", "--core=0", "--",
            settings.BubblewrapPath,
            "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            .. seccomp,
            "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
            "--clearenv",
            "--setenv", "PATH", "/usr/bin",
            "--setenv", "HOME", "/tmp",
            "--setenv", "TMPDIR", "/tmp",
            "--setenv", "DOTNET_ROOT", "/opt/dotnet",
            "--setenv", "DOTNET_CLI_TELEMETRY_OPTOUT", "1",
            "--setenv", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1",
            "--setenv", "DOTNET_gcServer", "0",
            "--ro-bind", Path.Combine(root, "usr"), "/usr",
            "--symlink", "usr/lib", "/lib",
            "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin",
            "--ro-bind", settings.DotnetRoot, "/opt/dotnet",
            "--ro-bind", programDirectory, "/app",
            "--ro-bind", jobDirectory, "/job",
            "--proc", "/proc",
            "--dev", "/dev",
            .. deviceNodes,
            "--size", $"{settings.TmpMb * 1024L * 1024}", "--tmpfs", "/tmp",
            "--remount-ro", "/",
            "--chdir", "/tmp",
            "--", .. command,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static async Task WriteJobAsync(
        Stream input, RunnerJob job, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(
            job with { Files = [.. files.Select(file => new RunnerFile(file.Key, file.Value.Length))] }, RunnerMessage.Json);
        await input.WriteAsync(header, cancellationToken);
        input.WriteByte((byte)'\n');
        foreach (var file in files.Values)
        {
            await input.WriteAsync(file, cancellationToken);
        }
        await input.FlushAsync(cancellationToken);
        // Standard input stays open: closing it is not a cancellation, writing "cancel" is.
    }

    private static async Task AskToCancelAsync(Process process)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync("cancel\n"u8.ToArray());
            await process.StandardInput.BaseStream.FlushAsync();
            using var grace = new CancellationTokenSource(CancelGrace);
            await process.WaitForExitAsync(grace.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // It did not stop in time, or is gone already: it gets killed next.
        }
    }

    private static void Kill(Process process, CgroupLimits? cgroups)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        cgroups?.KillAll();
    }

    /// <summary>
    /// Splits standard output into lines without ever holding more than <see cref="MaxLineBytes"/>
    /// of one. Lines with the job's token are protocol messages; the rest is user output.
    /// </summary>
    private async Task ReadProtocolAsync(
        Stream stdout, string? token, Action<RunnerMessage> onMessage, StringBuilder output, int outputLimit)
    {
        var line = new MemoryStream();
        var overflow = false;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }
                Append(line, buffer.AsSpan(start, i - start), ref overflow);
                HandleLine(line, overflow, token, onMessage, output, outputLimit);
                line.SetLength(0);
                overflow = false;
                start = i + 1;
            }
            Append(line, buffer.AsSpan(start, read - start), ref overflow);
        }
        if (line.Length > 0)
        {
            HandleLine(line, overflow, token, onMessage, output, outputLimit);
        }
    }

    private static void Append(MemoryStream line, ReadOnlySpan<byte> bytes, ref bool overflow)
    {
        var room = (int)Math.Max(0, MaxLineBytes - line.Length);
        line.Write(bytes[..Math.Min(room, bytes.Length)]);
        overflow |= bytes.Length > room;
    }

    private void HandleLine(MemoryStream line, bool overflow, string? token, Action<RunnerMessage> onMessage, StringBuilder output, int outputLimit)
    {
        RunnerMessage? message = null;
        if (!overflow && line.Length > 0 && line.GetBuffer()[0] == '{')
        {
            try
            {
                message = JsonSerializer.Deserialize<RunnerMessage>(line.GetBuffer().AsSpan(0, (int)line.Length), RunnerMessage.Json);
            }
            catch (JsonException)
            {
                // Not ours: user output that happens to start with a brace.
            }
        }
        if (message is not null && token is not null && message.Token == token)
        {
            if (message.Type == RunnerMessage.Output)
            {
                AppendOutput(output, message.Text ?? "", outputLimit);
            }
            else
            {
                onMessage(message);
            }
            return;
        }
        var text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)Math.Min(line.Length, outputLimit));
        AppendOutput(output, overflow ? text + "…\n" : text + "\n", outputLimit);
    }

    private static void AppendOutput(StringBuilder output, string text, int limit)
    {
        const string marker = "\n[output truncated]\n";
        lock (output)
        {
            var room = limit - output.Length;
            if (room >= text.Length)
            {
                output.Append(text);
            }
            else if (room >= 0)
            {
                output.Append(text, 0, room).Append(marker);
            }
        }
    }

    private static async Task<string> ReadTailAsync(Stream stderr)
    {
        using var reader = new StreamReader(stderr);
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > MaxErrorBytes)
            {
                tail.Remove(0, tail.Length - MaxErrorBytes);
            }
        }
        return tail.ToString();
    }
}
