namespace QuestionBank.Data.Entities;

/// <summary>A question a learner bookmarked; one per (account, question).</summary>
public sealed class Bookmark : LearnerQuestionRecord
{
    public DateTimeOffset CreatedAt { get; set; }
}
