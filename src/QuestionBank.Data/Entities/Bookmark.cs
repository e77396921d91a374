namespace QuestionBank.Data.Entities;

/// <summary>A question a learner bookmarked; one per (account, question).</summary>
public sealed class Bookmark
{
    public long AccountId { get; set; }

    public long QuestionId { get; set; }

    public Question Question { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
}
