using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Pages;

public static class RunFormatting
{
    /// <summary>A run's judged metrics on one line, for run lists.</summary>
    public static string FormatMetrics(this RunSummary run) =>
        string.Join(", ", run.Metrics.Select(metric => $"{metric.Key} {metric.Value:0.####}"));
}
