using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises;

/// <summary>
/// One coding exercise: what the page shows (title, starter, reference solution, parameters), the
/// training data user code gets in the jail, and the judge that scores the submitted model from
/// outside the jail.
/// </summary>
public abstract class Exercise
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>Words in a coding question's title that make this exercise its hands-on version (case-sensitive).</summary>
    public abstract IReadOnlyList<string> QuestionKeywords { get; }

    /// <summary>What the user's code has to do and hand back.</summary>
    public abstract string Summary { get; }

    public abstract ExerciseParameters Defaults { get; }

    public abstract ParameterLimits Limits { get; }

    /// <summary>The bars the judge's final metrics must reach.</summary>
    public abstract IReadOnlyList<MetricGoal> Goals { get; }

    /// <summary>Files of the sandbox data directory that <see cref="CreateJudge"/> reads.</summary>
    public virtual IReadOnlyList<string> DataFiles => [];

    /// <summary>What the user edits: it compiles and runs, with the key parts left to write.</summary>
    public string Starter => ReadSource("Starter.cs");

    public string Solution => ReadSource("Solution.cs");

    public bool MeetsGoals(IReadOnlyDictionary<string, double> metrics) => Goals.All(goal => goal.IsMetBy(metrics));

    /// <summary>
    /// Outside the jail: a judge for one run, from the sandbox data files named by <see cref="DataFiles"/>.
    /// It holds the held-out data; the jail gets only its <see cref="ExerciseJudge.TrainingFiles"/>.
    /// </summary>
    public abstract ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles);

    /// <summary>In the jail: the training data user code sees, from a judge's <see cref="ExerciseJudge.TrainingFiles"/>.</summary>
    public abstract object? LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles);

    protected static byte[] RequireFile(IReadOnlyDictionary<string, byte[]> files, string name) =>
        files.TryGetValue(name, out var file)
            ? file
            : throw new InvalidOperationException($"The sandbox data file {name} is missing; run scripts/prepare-sandbox.sh.");

    private string ReadSource(string name)
    {
        using var stream = typeof(Exercise).Assembly.GetManifestResourceStream($"{Id}/{name}")
            ?? throw new InvalidOperationException($"The exercise {Id} has no embedded {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
