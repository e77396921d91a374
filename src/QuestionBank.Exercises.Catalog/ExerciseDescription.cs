namespace QuestionBank.Exercises;

/// <summary>
/// What the pages show of one coding exercise: title, summary, starter, reference solution, the
/// parameters a run may set and the goals its judged metrics must reach.
/// </summary>
public abstract class ExerciseDescription
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>
    /// Words in a coding question's title that make this exercise its hands-on version (case-sensitive),
    /// when its document declares none: the importer's fallback.
    /// </summary>
    public abstract IReadOnlyList<string> QuestionKeywords { get; }

    /// <summary>What the user's code has to do and hand back.</summary>
    public abstract string Summary { get; }

    public abstract ExerciseParameters Defaults { get; }

    public abstract ParameterLimits Limits { get; }

    /// <summary>The bars the judge's final metrics must reach.</summary>
    public abstract IReadOnlyList<MetricGoal> Goals { get; }

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
