using System.Security.Cryptography;

namespace QuestionBank.Exercises.Judging;

/// <summary>
/// Randomness the judge keeps to itself (the order of test items, noise, evaluation seeds), drawn
/// anew for every run, so that no source can be written against one fixed held-out sequence.
/// </summary>
internal static class SecretRandom
{
    public static Random Create() => new(RandomNumberGenerator.GetInt32(int.MaxValue));

    public static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>The index of the largest of <paramref name="values"/> (the first on ties; NaN never wins).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best] || float.IsNaN(values[best]))
            {
                best = i;
            }
        }
        return best;
    }
}
