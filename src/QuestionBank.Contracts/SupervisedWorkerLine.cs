using System.Globalization;

namespace QuestionBank.Contracts;

/// <summary>Whether a worker's sandbox home is ready for runs.</summary>
public enum SandboxState
{
    Preparing,
    Ready,
    Failed,
}

/// <summary>What a supervised worker (the web app's child process) tells the app, one line each.</summary>
public abstract record SupervisedWorkerLine
{
    private const string StatePrefix = "sandbox-state: ";
    private const string StartedPrefix = "run-started: ";
    private const string CompletedPrefix = "run-completed: ";

    /// <summary>What the app keeps of a failure's reason, or of an exercise or status name.</summary>
    public const int MaxTextLength = 2000;

    private SupervisedWorkerLine()
    {
    }

    /// <summary>The sandbox changed state: <c>sandbox-state: ready</c>, or <c>sandbox-state: failed why</c>.</summary>
    public sealed record State(SandboxState Value, string? Problem = null) : SupervisedWorkerLine
    {
        public override string ToString() =>
            $"{StatePrefix}{Value.ToString().ToLowerInvariant()}{(Problem is null ? "" : " " + Problem.ReplaceLineEndings(" "))}";
    }

    /// <summary>A run started after waiting in the queue: <c>run-started: cnn 1.5</c>.</summary>
    public sealed record Started(string Exercise, double WaitedSeconds) : SupervisedWorkerLine
    {
        public override string ToString() => $"{StartedPrefix}{Exercise} {WaitedSeconds.ToString("R", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A run ended: <c>run-completed: cnn succeeded 17.2</c>.</summary>
    public sealed record Completed(string Exercise, string Status, double Seconds) : SupervisedWorkerLine
    {
        public override string ToString() =>
            $"{CompletedPrefix}{Exercise} {Status} {Seconds.ToString("R", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The line's message, or null for any other line (the worker's log).</summary>
    public static SupervisedWorkerLine? Parse(string line)
    {
        if (line.StartsWith(StatePrefix, StringComparison.Ordinal))
        {
            var rest = line[StatePrefix.Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            return Enum.TryParse<SandboxState>(space < 0 ? rest : rest[..space], ignoreCase: true, out var state) && Enum.IsDefined(state)
                ? new State(state, space < 0 ? null : Capped(rest[(space + 1)..]))
                : null;
        }
        if (line.StartsWith(StartedPrefix, StringComparison.Ordinal)
            && Words(line[StartedPrefix.Length..], 2) is [var exercise, var waited] && Number(waited) is { } waitedSeconds)
        {
            return new Started(exercise, waitedSeconds);
        }
        if (line.StartsWith(CompletedPrefix, StringComparison.Ordinal)
            && Words(line[CompletedPrefix.Length..], 3) is [var name, var status, var seconds] && Number(seconds) is { } runSeconds)
        {
            return new Completed(name, status, runSeconds);
        }
        return null;
    }

    private static string[]? Words(string text, int count) =>
        text.Length <= MaxTextLength && text.Split(' ') is { } words && words.Length == count && words.All(word => word.Length > 0) ? words : null;

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value : null;

    private static string Capped(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];
}
