namespace QuestionBank.Data.Entities;

/// <summary>A learner's personal markdown note on a question; one per (account, question).</summary>
public sealed class Note : LearnerQuestionRecord
{
    public const int MaxLength = 20_000;

    public long Id { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
