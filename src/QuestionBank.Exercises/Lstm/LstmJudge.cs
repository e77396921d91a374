using System.Runtime.InteropServices;
using QuestionBank.Contracts;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Lstm;

/// <summary>
/// Walks the forecaster forward over the held-out tail one window at a time: each forecast is
/// in hand before the next window, which holds the value just forecast, is shown.
/// </summary>
internal sealed class LstmJudge(float[] series) : ExerciseJudge
{
    public const string FileName = "series.bin";

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } = new Dictionary<string, byte[]>
    {
        [FileName] = MemoryMarshal.AsBytes(series.AsSpan(0, SeasonalSeries.TrainLength)).ToArray(),
    };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        double squaredError = 0, baselineSquaredError = 0;
        for (var target = SeasonalSeries.TrainLength; target < series.Length; target++)
        {
            var window = series[(target - SeasonalSeries.Window)..target];
            var forecast = (await tools.Model.ForwardAsync(new FloatTensor(window, [1, SeasonalSeries.Window, 1]), cancellationToken))
                .Expect(RunMessages.ForecasterShape, 1, 1).Data[0];
            squaredError += Square(forecast - series[target]);
            baselineSquaredError += Square(series[target - 1] - series[target]);
        }
        var count = series.Length - SeasonalSeries.TrainLength;
        var testMse = squaredError / count;
        var baselineMse = baselineSquaredError / count;
        return new JudgeVerdict(new Dictionary<string, double>
        {
            ["test_mse"] = testMse,
            ["baseline_mse"] = baselineMse,
            ["mse_ratio"] = testMse / baselineMse,
        }, []);
    }

    private static double Square(double value) => value * value;
}
