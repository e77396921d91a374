using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises;

/// <summary>
/// What a coding exercise needs beyond its page: the training data user code gets in the jail, and
/// the judge that scores the submitted model from outside the jail.
/// </summary>
public abstract class Exercise
{
    public abstract ExerciseDescription Description { get; }

    public string Id => Description.Id;

    /// <summary>Files of the sandbox data directory that <see cref="CreateJudge"/> reads.</summary>
    public virtual IReadOnlyList<string> DataFiles => [];

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
}
