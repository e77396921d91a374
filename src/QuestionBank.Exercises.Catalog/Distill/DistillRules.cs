namespace QuestionBank.Exercises.Catalog.Distill;

/// <summary>What the distill exercise's data uses and its summary states.</summary>
public static class DistillRules
{
    /// <summary>How many of the 8,000 training digits come with their labels; the others are images only.</summary>
    public const int LabelledCount = 1000;
}
