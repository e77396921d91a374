namespace QuestionBank.Data.Entities;

/// <summary>A learner's choices; a learner without a row has the defaults.</summary>
public sealed class LearnerSettings
{
    public const string DefaultTimeZone = "UTC";

    public long AccountId { get; set; }

    /// <summary>Question pages show the answers open (reading mode) instead of folded for self-test.</summary>
    public bool AlwaysShowAnswers { get; set; }

    /// <summary>The documents (by slug) whose questions become new cards; null for every document, present and future.</summary>
    public List<string>? NewCardDocuments { get; set; }

    /// <summary>The IANA time zone of the learner's day: streaks, the heatmap and "due today".</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>The UI language the learner chose with the header's switch (en, zh-CN); null until they choose one.</summary>
    public string? Language { get; set; }
}
