namespace QuestionBank.Web.Runs;

/// <summary>Limits on exercise runs (section <c>QuestionBank:Runs</c>).</summary>
public sealed class RunsOptions
{
    public const string SectionName = "QuestionBank:Runs";

    /// <summary>Runs one client address may submit per minute (then 429).</summary>
    public int PerMinute { get; set; } = 10;

    /// <summary>Runs one client may have queued or running at once (then 429).</summary>
    public int MaxActivePerClient { get; set; } = 3;

    public int MaxSourceBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Start a sandbox worker inside the web app. Unset means: only with the embedded database (the
    /// out-of-the-box setup); deployments with a configured database run workers of their own.
    /// </summary>
    public bool? RunWorker { get; set; }
}
