namespace QuestionBank.Exercises.Lstm;

/// <summary>
/// A synthetic monthly-like series: a linear trend, two seasonal components and Gaussian noise,
/// generated from a fixed seed so every run is judged on the same held-out tail.
/// </summary>
internal static class SeasonalSeries
{
    public const int Length = 1200;
    public const int TrainLength = 1000;
    public const int Window = 24;
    private const int Seed = 3;

    public static float[] Generate()
    {
        var random = new Random(Seed);
        var values = new float[Length];
        for (var t = 0; t < Length; t++)
        {
            var trend = 0.003 * t;
            var season = Math.Sin(2 * Math.PI * t / 12) + 0.3 * Math.Sin(2 * Math.PI * t / 6);
            values[t] = (float)(trend + season + 0.05 * Gaussian(random));
        }
        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
