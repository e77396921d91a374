namespace QuestionBank.Sandbox.Jail;

/// <summary>How a jailed runner process ended.</summary>
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
}
