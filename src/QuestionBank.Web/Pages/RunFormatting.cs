using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Pages;

public static class RunFormatting
{
    /// <summary>The resource key naming a run's language and its library.</summary>
    public static string LanguageKey(string language) =>
        language == QuestionBank.Contracts.ExerciseLanguages.Python ? "Python (PyTorch)" : "C# (TorchSharp)";

    /// <summary>A run's judged metrics on one line, for run lists.</summary>
    public static string FormatMetrics(this RunSummary run) =>
        string.Join(", ", run.Metrics.Select(metric => $"{metric.Key} {metric.Value:0.####}"));

    /// <summary>
    /// The resource key of a run's outcome. Only the judge writes metrics: a judged run says whether it met
    /// its goal, so a miss does not read like a crash; any other run says its status.
    /// </summary>
    public static string OutcomeKey(string status, bool judged, bool goalsMet) => judged
        ? goalsMet ? "Goal met" : "Goal not met"
        : status switch
        {
            "queued" => "Queued",
            "running" => "Running",
            "succeeded" => "Finished",
            "compile_error" => "Compile error",
            "timeout" => "Timed out",
            "memory_limit" => "Memory limit",
            "cancelled" => "Cancelled",
            "server_busy" => "Server busy",
            _ => "Failed",
        };

    /// <summary>The outcome's class: its own colour for a missed goal (status-missed), apart from failures.</summary>
    public static string OutcomeClass(string status, bool judged, bool goalsMet) =>
        "status status-" + (judged ? goalsMet ? "met" : "missed" : status);

    public static string OutcomeKey(this RunSummary run) => OutcomeKey(run.Status, run.Metrics.Count > 0, run.GoalsMet);

    public static string OutcomeClass(this RunSummary run) => OutcomeClass(run.Status, run.Metrics.Count > 0, run.GoalsMet);
}
