namespace QuestionBank.Exercises.Lstm;

/// <summary>
/// A synthetic series: a linear trend, two seasonal cycles and Gaussian noise. Its shape (the trend's
/// slope, each cycle's period, amplitude and phase) and its noise are drawn for each run from the
/// judge's secret randomness, so the run's first <see cref="TrainLength"/> points are the only way to
/// learn it: a forecaster written for one fixed formula misses. The main period lies between 13 and 19
/// steps, away from the 12 of the series' earlier, public shape, so the seasonal lags a rule written
/// for that shape uses (12 steps, or the window's 24) do not repeat its main cycle.
/// </summary>
internal static class SeasonalSeries
{
    public const int Length = 1200;
    public const int TrainLength = 1000;
    public const int Window = 24;
    private const double Noise = 0.05;
    private const double MinPeriod = 13;
    private const double MaxPeriod = 19;
    private const double MinSecondPeriod = 4;
    private const double MaxSecondPeriod = 8;
    private const double MinSlope = 0.001;
    private const double MaxSlope = 0.005;

    /// <summary>A series of <see cref="Length"/> points whose shape and noise are drawn from <paramref name="random"/>.</summary>
    public static float[] Generate(Random random)
    {
        var slope = Between(random, MinSlope, MaxSlope) * (random.Next(2) == 0 ? -1 : 1);
        var (period, amplitude, phase) = (Between(random, MinPeriod, MaxPeriod), Between(random, 0.8, 1.2), Between(random, 0, 2 * Math.PI));
        var (period2, amplitude2, phase2) = (Between(random, MinSecondPeriod, MaxSecondPeriod), Between(random, 0.2, 0.4), Between(random, 0, 2 * Math.PI));
        var values = new float[Length];
        for (var t = 0; t < Length; t++)
        {
            var season = amplitude * Math.Sin(2 * Math.PI * t / period + phase) + amplitude2 * Math.Sin(2 * Math.PI * t / period2 + phase2);
            values[t] = (float)(slope * t + season + Noise * Judging.SecretRandom.Gaussian(random));
        }
        return values;
    }

    private static double Between(Random random, double minimum, double maximum) => minimum + random.NextDouble() * (maximum - minimum);
}
