namespace QuestionBank.Web.Reviews;

/// <summary>Bound from <c>QuestionBank:Reviews</c>.</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "QuestionBank:Reviews";

    /// <summary>Questions a learner sees for the first time per day (UTC).</summary>
    public int NewCardsPerDay { get; set; } = 20;

    /// <summary>FSRS's target probability of recall when a card falls due.</summary>
    public double DesiredRetention { get; set; } = 0.9;
}
