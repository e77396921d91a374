using System.Reflection;
using QuestionBank.Contracts;

namespace QuestionBank.Sandbox;

/// <summary>Settings of the sandbox (section <c>QuestionBank:Sandbox</c>); the defaults suit one worker per machine.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "QuestionBank:Sandbox";

    /// <summary>
    /// Where scripts/prepare-sandbox.sh put the runtime root and the data:
    /// QUESTIONBANK_SANDBOX_HOME, else ~/.local/share/questionbank/sandbox.
    /// </summary>
    public string Home { get; set; } = Environment.GetEnvironmentVariable("QUESTIONBANK_SANDBOX_HOME")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "questionbank", "sandbox");

    /// <summary>The runner's output folder, bind-mounted read-only as the jail's /app.</summary>
    public string RunnerDirectory { get; set; } = DefaultRunnerDirectory();

    /// <summary>The .NET installation the runner runs on, bind-mounted read-only as /opt/dotnet.</summary>
    public string DotnetRoot { get; set; } = Path.GetFullPath(Path.Combine(
        System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public string BubblewrapPath { get; set; } = "bwrap";

    /// <summary>
    /// What a worker runs on start when the sandbox home is not ready; unset, the repository's
    /// scripts/prepare-sandbox.sh, looked for upwards from the app.
    /// </summary>
    public string? PrepareScript { get; set; }

    /// <summary>
    /// Time limit of one run, counted on the wall clock less the seconds the run waited for a CPU
    /// (it had a runnable thread but got less than half a core), so that a busy host does not use
    /// up a learner's time.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 180;

    /// <summary>
    /// The wall-clock cap, as a multiple of <see cref="TimeoutSeconds"/>: a run stopped there while
    /// its own time was under the limit ends <c>server_busy</c>, not <c>timeout</c>.
    /// </summary>
    public int BusyWallMultiple { get; set; } = 4;

    /// <summary>CPU time the worker spends on one run's standard output (splitting, checking and parsing lines) before it stops the run.</summary>
    public double WorkerCpuSeconds { get; set; } = 2;

    /// <summary>Wall-clock limit of compiling a run's source (in the jail, under the run's other limits).</summary>
    public int CompileTimeoutSeconds { get; set; } = 20;

    /// <summary>CPU-time limit of one run (all threads); 0 means twice the time limit per core.</summary>
    public int CpuSeconds { get; set; }

    public int MemoryMb { get; set; } = 4096;

    public int MaxProcesses { get; set; } = 256;

    /// <summary>Size of the jail's writable /tmp.</summary>
    public int TmpMb { get; set; } = 256;

    /// <summary>How much of what user code prints is kept.</summary>
    public int OutputLimitKb { get; set; } = 64;

    /// <summary>The jail's CPU weight relative to the site's processes (cgroup cpu.shares, 1024 = equal).</summary>
    public int CpuShares { get; set; } = 256;

    /// <summary>Refuse to run when cgroup limits cannot be set up (keep true outside development).</summary>
    public bool RequireCgroups { get; set; } = true;

    /// <summary>
    /// The worker's container has its own memory, pids and CPU limits and they are the run's: the
    /// worker creates no cgroups (an unprivileged container cannot), runs one run at a time and
    /// makes the jail the OOM killer's first choice, so a run over the memory limit dies and the
    /// worker reports memory_limit.
    /// </summary>
    public bool ContainerLimits { get; set; }

    /// <summary>Runs one worker executes at a time; 0 means one per two cores.</summary>
    public int ConcurrentRuns { get; set; }

    /// <summary>
    /// After its first Python run, the worker keeps one Python jail started with torch imported, waiting for
    /// the next Python run (about 300 MB of memory while it waits), so that run skips the interpreter's start.
    /// </summary>
    public bool WarmPythonRunner { get; set; } = true;

    /// <summary>Devices this worker offers: cpu, and cuda on a worker built with -p:TorchDevice=cuda on a GPU machine.</summary>
    public string[] Devices { get; set; } = [ComputeDevices.Cpu];

    /// <summary>How long a claimed run stays this worker's without a heartbeat.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a worker renews its leases and checks for cancellations.</summary>
    public double HeartbeatSeconds { get; set; } = 1;

    /// <summary>How often an idle worker looks for queued runs when no notification arrives.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Tries a run gets before a run whose worker keeps dying is failed.</summary>
    public int MaxAttempts { get; set; } = 2;

    /// <summary>A file the worker touches on every pass of its loop, for a container health check; unset, none.</summary>
    public string? AliveFile { get; set; }

    /// <summary>Device nodes the jail may use, e.g. /dev/nvidia0, /dev/nvidiactl and /dev/nvidia-uvm on a CUDA worker.</summary>
    public string[] DeviceNodes { get; set; } = [];

    /// <summary>
    /// This worker is the web app's child process (the embedded default): it stops when the app closes its
    /// standard input, and reports its sandbox's state on standard output (<see cref="SupervisedWorkerLine"/>).
    /// </summary>
    public bool Supervised { get; set; }

    public int EffectiveConcurrentRuns => ContainerLimits ? 1
        : ConcurrentRuns > 0 ? ConcurrentRuns : Math.Max(1, Environment.ProcessorCount / 2);

    public int EffectiveCpuSeconds => CpuSeconds > 0 ? CpuSeconds : TimeoutSeconds * Environment.ProcessorCount * 2;

    public string DataDirectory => Path.Combine(Home, "data");

    private static string DefaultRunnerDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "runner");
        return Directory.Exists(beside)
            ? beside
            : typeof(SandboxOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(attribute => attribute.Key == "RunnerDirectory").Value!;
    }
}
