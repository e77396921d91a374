namespace QuestionBank.Data.Entities;

/// <summary>Something a learner keeps about one question (a bookmark, a note, a review card); it goes when either goes.</summary>
public abstract class LearnerQuestionRecord
{
    public long AccountId { get; set; }

    public long QuestionId { get; set; }

    public Question Question { get; set; } = null!;
}
