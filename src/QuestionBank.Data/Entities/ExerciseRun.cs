using QuestionBank.Contracts;
using QuestionBank.Data.Runs;

namespace QuestionBank.Data.Entities;

/// <summary>
/// One run of an exercise: what was submitted, where it is in the queue, and how it ended. A
/// sandbox worker owns a running run for as long as it renews its lease.
/// </summary>
public sealed class ExerciseRun
{
    public Guid Id { get; set; }

    public string? QuestionSlug { get; set; }

    public required string Exercise { get; set; }

    public required string Source { get; set; }

    /// <summary>The source's language, one of <see cref="ExerciseLanguages"/>.</summary>
    public string Language { get; set; } = ExerciseLanguages.CSharp;

    public required string Device { get; set; }

    public int Epochs { get; set; }

    public double LearningRate { get; set; }

    public int BatchSize { get; set; }

    public int Seed { get; set; }

    /// <summary>queued, running, succeeded, failed, compile_error, timeout, memory_limit, cancelled or server_busy.</summary>
    public string Status { get; set; } = RunStatus.Queued;

    public Dictionary<string, double> Metrics { get; set; } = [];

    public bool GoalsMet { get; set; }

    /// <summary>Why the run ended as it did, in English (rows from before message keys have only this).</summary>
    public string? Message { get; set; }

    /// <summary>The message's key (a <see cref="RunMessages"/> template), for pages to show it in the reader's language; null for content (the runner's words).</summary>
    public string? MessageKey { get; set; }

    /// <summary>The message's arguments, as text.</summary>
    public List<string> MessageArguments { get; set; } = [];

    /// <summary>The stored message, or null when there is none.</summary>
    public RunMessage? Explanation => Message is null ? null : new RunMessage(MessageKey, MessageArguments, Message);

    /// <summary>The compiler's errors (a JSON column); empty unless the run ended in compile_error.</summary>
    public List<CompileError> CompileErrors { get; set; } = [];

    public string? Output { get; set; }

    /// <summary>Who asked for the run (a user or client key), for per-client limits.</summary>
    public string? ClientKey { get; set; }

    /// <summary>The signed-in learner who submitted the run; null for anonymous runs, which stay public by their id.</summary>
    public long? AccountId { get; set; }

    /// <summary>When the web app counted the run as a Good review of its question (only runs of a learner whose goals were met); null until then.</summary>
    public DateTimeOffset? ReviewCreditedAt { get; set; }

    public string? WorkerId { get; set; }

    public int Attempts { get; set; }

    public bool CancelRequested { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public double? WallSeconds { get; set; }

    public List<RunEvent> Events { get; set; } = [];

    public List<RunImage> Images { get; set; } = [];
}

/// <summary>Something that happened during a run: a status change or a progress step with its metrics.</summary>
public sealed class RunEvent
{
    public const string StatusKind = "status";
    public const string ProgressKind = "progress";

    public long Id { get; set; }

    public Guid RunId { get; set; }

    public required string Kind { get; set; }

    public string? Status { get; set; }

    public int? Step { get; set; }

    public Dictionary<string, double> Metrics { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A PNG a run produced (a sample grid, a training curve).</summary>
public sealed class RunImage
{
    public Guid RunId { get; set; }

    public required string Name { get; set; }

    public required byte[] Png { get; set; }
}
