using QuestionBank.Core.Learning;

namespace QuestionBank.Data.Entities;

/// <summary>A learner's FSRS card of one question: made on its first review, one per (account, question).</summary>
public sealed class ReviewCard : LearnerQuestionRecord
{
    public long Id { get; set; }

    public CardState State { get; set; }

    public int? Step { get; set; }

    public double? Stability { get; set; }

    public double? Difficulty { get; set; }

    public DateTimeOffset Due { get; set; }

    public DateTimeOffset? LastReview { get; set; }

    /// <summary>The first review: new cards a day counts these.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public List<ReviewLogEntry> Log { get; set; } = [];

    public FsrsCard ToFsrs() => new(State, Step, Stability, Difficulty, Due, LastReview);

    public void Apply(FsrsCard card) =>
        (State, Step, Stability, Difficulty, Due, LastReview) = (card.State, card.Step, card.Stability, card.Difficulty, card.Due, card.LastReview);
}

/// <summary>One rating of a card, kept for good so the FSRS parameters can be optimised on the history later.</summary>
public sealed class ReviewLogEntry
{
    public long Id { get; set; }

    public long CardId { get; set; }

    public Rating Rating { get; set; }

    public DateTimeOffset ReviewedAt { get; set; }

    /// <summary>The card's state before this rating.</summary>
    public CardState StateBefore { get; set; }
}
