using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// How a run ended: its status, the judge's metrics and whether they reach the exercise's goals,
/// images, diagnostics and what the user's code printed.
/// </summary>
public sealed record RunResult(
    string Status,
    IReadOnlyDictionary<string, double> Metrics,
    bool GoalsMet,
    IReadOnlyList<RunImage> Images,
    RunDiagnostics Diagnostics,
    string Output,
    double WallSeconds);

public sealed record RunImage(string Name, byte[] Png);

/// <summary>Why a run did not succeed: an explanation, and the compiler's errors for <c>compile_error</c>.</summary>
public sealed record RunDiagnostics(RunMessage? Explanation, IReadOnlyList<CompileError> CompileErrors)
{
    public static RunDiagnostics None { get; } = new(null, []);

    /// <summary>The explanation's English text.</summary>
    public string? Message => Explanation?.Text;

    public static RunDiagnostics Because(RunMessage explanation) => new(explanation, []);
}

/// <summary>Receives a run's progress while it executes (the worker stores it as run events).</summary>
public interface IRunObserver
{
    void Started();

    void Progress(int step, IReadOnlyDictionary<string, double> metrics);
}
