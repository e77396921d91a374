namespace QuestionBank.Core.Learning;

/// <summary>
/// A card's memory state as FSRS keeps it. <see cref="Stability"/> and <see cref="Difficulty"/> are
/// null until the first review; <see cref="Step"/> is the learning or relearning step, null in review.
/// </summary>
/// <param name="State">Where the card is in its life.</param>
/// <param name="Step">The index of the current learning or relearning step; null for New and Review cards.</param>
/// <param name="Stability">Days after which recall probability falls to 90%.</param>
/// <param name="Difficulty">How hard the card is, 1 to 10.</param>
/// <param name="Due">When the card is next due.</param>
/// <param name="LastReview">When it was last reviewed; null for a new card.</param>
public sealed record FsrsCard(
    CardState State,
    int? Step,
    double? Stability,
    double? Difficulty,
    DateTimeOffset Due,
    DateTimeOffset? LastReview)
{
    /// <summary>A card never reviewed, due at <paramref name="due"/>.</summary>
    public static FsrsCard New(DateTimeOffset due) => new(CardState.New, null, null, null, due, null);
}
