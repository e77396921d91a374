namespace QuestionBank.Exercises.Judging;

/// <summary>
/// A run's secret names for the classes of a classification exercise: the jail's training labels
/// are <see cref="Shown"/> through it and the judge scores against the held-out labels shown the same
/// way, so the answers that count are the ones the run's training data teaches. A source that knows
/// every held-out item's true class, or carries a classifier trained offline, but never learns from
/// this run's training labels, names the classes wrongly: the permutation moves every class.
/// </summary>
public sealed class LabelPermutation
{
    private readonly int[] shown;

    private LabelPermutation(int[] shown) => this.shown = shown;

    public int Classes => shown.Length;

    /// <summary>The label under which class <paramref name="label"/> is shown in this run.</summary>
    public int Shown(int label) => shown[label];

    /// <summary>The class whose shown label is <paramref name="label"/>.</summary>
    public int Original(int label) => Array.IndexOf(shown, label);

    /// <summary>A permutation of <paramref name="classes"/> classes (at least 2) that leaves none in place, drawn uniformly from <paramref name="random"/>.</summary>
    public static LabelPermutation Draw(int classes, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var shown = Enumerable.Range(0, classes).ToArray();
        do
        {
            random.Shuffle(shown);
        }
        while (shown.Where((label, index) => label == index).Any());
        return new LabelPermutation(shown);
    }

    /// <summary>A permutation drawn for one run, kept by the worker's judge.</summary>
    internal static LabelPermutation DrawSecret(int classes) => Draw(classes, SecretRandom.Create());
}
