namespace QuestionBank.Data.Runs;

/// <summary>
/// The states of a run, as stored in PostgreSQL and shown to users. RunQueue's SQL spells queued,
/// running and failed as literals, so that PostgreSQL matches the partial indexes on status.
/// </summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string CompileError = "compile_error";
    public const string Timeout = "timeout";
    public const string MemoryLimit = "memory_limit";
    public const string Cancelled = "cancelled";

    /// <summary>Stopped at the wall-clock cap while it waited for a CPU: the host was busy, not the code slow.</summary>
    public const string ServerBusy = "server_busy";

    /// <summary>Whether a run in this state has ended: it is neither queued nor running.</summary>
    public static bool IsFinal(string status) => status is not (Queued or Running);
}
