using System.Diagnostics;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// Runs the runner in a bubblewrap jail: its own user, pid, network, IPC and UTS namespaces (so
/// no network at all), no capabilities, a read-only /usr (the host's or the prepared runtime
/// root), the runner's folder and .NET read-only (bound from links that name no host folder,
/// <see cref="JailSources"/>), a size-capped /tmp and nothing else of the host:
/// no home, no /root, no /etc, no repository, no configuration, no environment; a seccomp filter
/// refuses new processes, namespaces, mounts and other kernel attack surface (<see cref="SeccompFilter"/>). Limits: cgroups (memory, processes, CPU weight), an rlimit on
/// CPU time, a wall-clock timeout, and caps on output.
/// After a Python run it keeps one spare Python jail started, with torch imported and no job yet
/// (<see cref="SandboxOptions.WarmPythonRunner"/>): the next Python run takes it and skips the
/// interpreter's start. A spare has run no user code and serves one run only.
/// </summary>
public sealed class SandboxJail(IOptions<SandboxOptions> options, ILogger<SandboxJail> logger) : IDisposable
{
    // Joins the run's cgroups before anything of the jail exists, makes the jail the OOM killer's
    // first choice (with container limits the worker shares its memory limit; raising one's own
    // score needs no privilege), and opens the seccomp program as descriptor 3 for bubblewrap (a
    // child process started from .NET gets no other descriptors).
    private const string JoinCgroupsAndExec =
        "for procs in $QB_CGROUP_PROCS; do echo $$ > \"$procs\" || exit 125; done; echo 1000 > /proc/self/oom_score_adj || exit 125; if [ -n \"$QB_SECCOMP\" ]; then exec 3< \"$QB_SECCOMP\"; fi; exec \"$@\"";

    private static readonly string[] RunnerCommand = ["/opt/dotnet/dotnet", "/app/QuestionBank.Sandbox.Runner.dll"];

    // Isolated mode (no environment variables, no user site folder, no script folder on the path), and no
    // bytecode files: the root is read-only. Its /app is the runner folder's python/ only.
    private static readonly string[] PythonRunnerCommand = ["/usr/bin/python3", "-I", "-B", "/app/runner.py"];

    private readonly SandboxOptions settings = options.Value;
    private readonly Lock spareLock = new();
    private StartedJail? spare;
    private bool warming;
    private bool disposed;
    private int launches;

    /// <summary>
    /// Starts the runner on <paramref name="job"/>: <paramref name="files"/>, and <paramref name="source"/>
    /// (if any) as <see cref="RunnerHeader.SourceFileName"/>, follow the job header on standard input. The session owns the process, its cgroups and its job folder.
    /// A Python job runs the Python runner on the Python root, in the same jail under the same limits.
    /// </summary>
    public async Task<JailSession> StartAsync(
        RunnerHeader job, string? source, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        if (job.Language != ExerciseLanguages.Python)
        {
            return await StartAsync(RuntimeRoot.Resolve(settings), settings.RunnerDirectory, RunnerCommand, job, source, files, cancellationToken);
        }
        var input = WithSource(job, source, files);
        if (TakeSpare() is { } warm)
        {
            return Supervise(warm, job, input, cancellationToken);
        }
        var started = await LaunchAsync(RuntimeRoot.ResolvePython(settings), PythonDirectory, PythonRunnerCommand, cancellationToken);
        return Supervise(started, job, input, cancellationToken);
    }
    /// <summary>
    /// Runs a trusted program (tests' probes) in exactly the jail a run gets: <paramref name="programDirectory"/>
    /// is bound at /app, <paramref name="command"/> runs with nothing on standard input, and all it
    /// prints is in <see cref="JailOutcome.Output"/>.
    /// </summary>
    internal async Task<JailOutcome> RunProgramAsync(string programDirectory, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        await using var session = await StartAsync(
            RuntimeRoot.Resolve(settings), programDirectory, command, null, null, new Dictionary<string, byte[]>(), cancellationToken);
        await foreach (var _ in session.Messages.ReadAllAsync(CancellationToken.None))
        {
            // A trusted program speaks no protocol: everything it prints is output.
        }
        return await session.Completion;
    }

    public void Dispose()
    {
        StartedJail? unused;
        lock (spareLock)
        {
            disposed = true;
            unused = spare;
            spare = null;
        }
        unused?.Dispose();
    }

    /// <summary>Jails started so far, spares included.</summary>
    internal int Launches => Volatile.Read(ref launches);

    /// <summary>Whether a spare Python jail waits for the next Python run.</summary>
    internal bool HasSpare
    {
        get
        {
            lock (spareLock)
            {
                return spare is not null;
            }
        }
    }

    private string PythonDirectory => Path.Combine(settings.RunnerDirectory, "python");

    private async Task<JailSession> StartAsync(
        string root, string appDirectory, IReadOnlyList<string> command, RunnerHeader? job, string? source,
        IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var started = await LaunchAsync(root, appDirectory, command, cancellationToken);
        return JailSession.Supervise(started, job, job is null ? files : WithSource(job, source, files), settings, cancellationToken);
    }

    private static IReadOnlyDictionary<string, byte[]> WithSource(RunnerHeader job, string? source, IReadOnlyDictionary<string, byte[]> files) =>
        source is null ? files : new Dictionary<string, byte[]>(files) { [job.SourceFileName] = System.Text.Encoding.UTF8.GetBytes(source) };

    /// <summary>A Python session; once it is disposed, a spare takes its place for the next Python run.</summary>
    private JailSession Supervise(StartedJail started, RunnerHeader job, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var session = JailSession.Supervise(started, job, files, settings, cancellationToken);
        if (settings.WarmPythonRunner)
        {
            // Started after the run, not beside it: importing torch would take CPU from the run's training.
            session.Disposed = () => _ = WarmAsync();
        }
        return session;
    }

    private StartedJail? TakeSpare()
    {
        StartedJail? taken;
        lock (spareLock)
        {
            taken = spare;
            spare = null;
        }
        if (taken is { Alive: false })
        {
            taken.Dispose();
            return null;
        }
        return taken;
    }

    private async Task WarmAsync()
    {
        lock (spareLock)
        {
            if (disposed || warming || spare is not null)
            {
                return;
            }
            warming = true;
        }
        StartedJail? started = null;
        try
        {
            started = await LaunchAsync(RuntimeRoot.ResolvePython(settings), PythonDirectory, PythonRunnerCommand, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not start a spare Python jail; the next Python run starts its own.");
        }
        lock (spareLock)
        {
            warming = false;
            if (!disposed && spare is null)
            {
                (spare, started) = (started, null);
            }
        }
        started?.Dispose();
    }

    /// <summary>Creates the job folder and cgroups and starts <paramref name="command"/> jailed; it waits for its job on standard input.</summary>
    private async Task<StartedJail> LaunchAsync(string root, string appDirectory, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref launches);
        var jobDirectory = Directory.CreateTempSubdirectory("qb-job-");
        var cgroups = CgroupLimits.TryCreate(jobDirectory.Name, settings, logger);
        try
        {
            if (cgroups is null && settings.RequireCgroups)
            {
                throw new InvalidOperationException(
                    "The sandbox cannot set cgroup limits on this host. Run the worker as root (or with a delegated cgroup), set QuestionBank:Sandbox:ContainerLimits=true in a container whose limits are the run's, or set QuestionBank:Sandbox:RequireCgroups=false for development.");
            }
            if (SeccompFilter.IsSupported)
            {
                await File.WriteAllBytesAsync(Path.Combine(jobDirectory.FullName, "seccomp.bpf"), SeccompFilter.Build(), cancellationToken);
            }
            return await JailSession.LaunchAsync(StartInfo(root, appDirectory, jobDirectory.FullName, cgroups, command), jobDirectory, cgroups);
        }
        catch
        {
            cgroups?.Dispose();
            jobDirectory.Delete(recursive: true);
            throw;
        }
    }

    private ProcessStartInfo StartInfo(string root, string appDirectory, string jobDirectory, CgroupLimits? cgroups, IReadOnlyList<string> command)
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
        // The Python runner needs no .NET: its jail does not get one.
        string[] dotnet = command[0] == PythonRunnerCommand[0] ? [] : ["--ro-bind", JailSources.For(settings.DotnetRoot, logger), "/opt/dotnet"];
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
            // Bound from links whose paths name no host folder (JailSources): /proc/self/mountinfo shows them.
            "--ro-bind", root == "/" ? "/usr" : JailSources.For(Path.Combine(root, "usr"), logger), "/usr",
            "--symlink", "usr/lib", "/lib",
            "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin",
            .. dotnet,
            "--ro-bind", JailSources.For(appDirectory, logger), "/app",
            // Read-only: user code cannot open /proc/self/mem (or any of /proc) for writing, the way
            // to overwrite its own code pages without unsafe code or interop.
            "--proc", "/proc",
            "--remount-ro", "/proc",
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
}
