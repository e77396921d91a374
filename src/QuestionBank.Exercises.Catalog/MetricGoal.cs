namespace QuestionBank.Exercises.Catalog;

/// <summary>A bar a final metric must reach for the run to count as solving the exercise.</summary>
public sealed record MetricGoal(string Metric, double? Minimum = null, double? Maximum = null)
{
    public bool IsMetBy(IReadOnlyDictionary<string, double> metrics) =>
        metrics.TryGetValue(Metric, out var value)
        && (Minimum is null || value >= Minimum)
        && (Maximum is null || value <= Maximum);

    /// <summary>Whether a smaller value of the metric is the better result (the goal is a ceiling).</summary>
    public bool LowerIsBetter => Maximum is not null;

    public override string ToString() => (Minimum, Maximum) switch
    {
        (not null, null) => $"{Metric} ≥ {Minimum}",
        (null, not null) => $"{Metric} ≤ {Maximum}",
        _ => $"{Minimum} ≤ {Metric} ≤ {Maximum}",
    };
}
