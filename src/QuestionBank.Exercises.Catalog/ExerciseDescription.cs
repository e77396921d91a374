namespace QuestionBank.Exercises;

/// <summary>
/// What the pages show of one coding exercise: title, summary, starter, reference solution, the
/// parameters a run may set and the goals its judged metrics must reach. Every exercise's values are set
/// in one place, <see cref="ExerciseCatalog"/>.
/// </summary>
public sealed class ExerciseDescription
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>
    /// Words in a coding question's title that make this exercise its hands-on version (case-sensitive),
    /// when its document declares none: the importer's fallback.
    /// </summary>
    public required IReadOnlyList<string> QuestionKeywords { get; init; }

    /// <summary>What the user's code has to do and hand back.</summary>
    public required string Summary { get; init; }

    public required ExerciseParameters Defaults { get; init; }

    public required ParameterLimits Limits { get; init; }

    /// <summary>The bars the judge's final metrics must reach.</summary>
    public required IReadOnlyList<MetricGoal> Goals { get; init; }

    /// <summary>What the user edits: it compiles and runs, with the key parts left to write.</summary>
    public string Starter => ExerciseSource.Starter(ReadSource());

    public string Solution => ExerciseSource.Solution(ReadSource());

    public bool MeetsGoals(IReadOnlyDictionary<string, double> metrics) => Goals.All(goal => goal.IsMetBy(metrics));

    private string ReadSource()
    {
        using var stream = typeof(ExerciseDescription).Assembly.GetManifestResourceStream($"{Id}/Exercise.cs")
            ?? throw new InvalidOperationException($"The exercise {Id} has no embedded Exercise.cs.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
