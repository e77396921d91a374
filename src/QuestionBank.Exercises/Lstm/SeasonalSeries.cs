namespace QuestionBank.Exercises.Lstm;

/// <summary>
/// A synthetic monthly-like series: a linear trend, two seasonal components and Gaussian noise.
/// The training part's noise comes from a fixed seed, so every run trains on the same points; the
/// held-out tail's noise comes from a seed the judge draws for each run and keeps to itself.
/// </summary>
internal static class SeasonalSeries
{
    public const int Length = 1200;
    public const int TrainLength = 1000;
    public const int Window = 24;
    private const int TrainingSeed = 3;

    public static float[] Generate(Random heldOutNoise)
    {
        var trainingNoise = new Random(TrainingSeed);
        var values = new float[Length];
        for (var t = 0; t < Length; t++)
        {
            var trend = 0.003 * t;
            var season = Math.Sin(2 * Math.PI * t / 12) + 0.3 * Math.Sin(2 * Math.PI * t / 6);
            var noise = Judging.SecretRandom.Gaussian(t < TrainLength ? trainingNoise : heldOutNoise);
            values[t] = (float)(trend + season + 0.05 * noise);
        }
        return values;
    }
}
