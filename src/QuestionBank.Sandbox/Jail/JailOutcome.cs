namespace QuestionBank.Sandbox.Jail;

/// <summary>How a jailed runner process ended, as the worker saw it.</summary>
public sealed record JailOutcome(
    int ExitCode,
    bool TimedOut,
    bool Cancelled,
    bool OutOfMemory,
    string Output,
    string Errors,
    TimeSpan Wall)
{
    /// <summary>SIGXCPU: the process used up its CPU-time limit.</summary>
    public bool CpuLimitExceeded => ExitCode == 128 + 24;

    /// <summary>
    /// Stopped at the wall-clock cap while its own time (wall time less the seconds it waited for
    /// a CPU) was still under the limit: the host was too busy, not the code too slow.
    /// </summary>
    public bool ServerBusy { get; init; }

    /// <summary>Seconds the run had a runnable thread but got less than half a CPU (see <see cref="CgroupLimits.Sample"/>).</summary>
    public double WaitedSeconds { get; init; }

    /// <summary>Its standard output cost the worker more CPU than <see cref="SandboxOptions.WorkerCpuSeconds"/>, or was over 256 MB of protocol lines, and it was stopped.</summary>
    public bool OutputBudgetExceeded { get; init; }

    /// <summary>The cgroup saw the run's memory reach its limit (an out-of-memory error inside the jail was real).</summary>
    public bool MemoryLimitReached { get; init; }
}
