namespace QuestionBank.Web.Operations;

/// <summary>The embedded default's automatic backups (<c>QuestionBank:Backups</c>).</summary>
public sealed class BackupOptions
{
    public const string SectionName = "QuestionBank:Backups";

    /// <summary>Back up the embedded database into &lt;data folder&gt;/backups; a configured server is backed up by its operator.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many backups are kept; the oldest go.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>Hours between backups.</summary>
    public double IntervalHours { get; set; } = 24;
}

/// <summary>How long runs keep their bulk, and how many imports can be rolled back (<c>QuestionBank:Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "QuestionBank:Retention";

    /// <summary>Days after which a finished run loses its progress events and images (see RunRetention); 0 keeps them for ever.</summary>
    public double RunDetailsDays { get; set; } = 90;

    /// <summary>How many of the newest imports keep the previous versions that rolling them back restores (see ImportRetention); 0 keeps all.</summary>
    public int ImportHistoryDepth { get; set; } = 20;

    /// <summary>Hours between passes of the retention service.</summary>
    public double IntervalHours { get; set; } = 24;

    public TimeSpan RunDetailsAge => TimeSpan.FromDays(RunDetailsDays);
}
