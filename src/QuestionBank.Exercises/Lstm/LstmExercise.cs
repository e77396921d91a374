using static TorchSharp.torch;

namespace QuestionBank.Exercises.Lstm;

/// <summary>Forecast the next value of a seasonal time series with an LSTM.</summary>
public sealed class LstmExercise : Exercise
{
    public override string Id => "lstm";

    public override IReadOnlyList<string> QuestionKeywords => ["LSTM", "RNN", "时间序列", "循环神经网络"];

    public override string Title => "LSTM: forecast a seasonal time series";

    public override string Summary =>
        "Train a recurrent forecaster on the first 1,000 points of a seasonal series with trend and noise " +
        "(ctx.Series) and Submit it: it maps windows [N, 24, 1] to the next value [N, 1]. The judge compares " +
        "its MSE on the held-out last 200 points with the naive last-value forecast.";

    public override ExerciseParameters Defaults => new(Epochs: 30, LearningRate: 0.005, BatchSize: 32, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 100, 1e-5, 0.1, MinBatchSize: 4, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("mse_ratio", Maximum: 0.2)];

    public override ExerciseData LoadData(IReadOnlyDictionary<string, byte[]> files)
    {
        var series = SeasonalSeries.Generate();
        return new ExerciseData(new SeriesData(series[..SeasonalSeries.TrainLength], SeasonalSeries.Window), series);
    }

    public override IReadOnlyDictionary<string, double> Judge(
        nn.Module<Tensor, Tensor> model, ExerciseData data, Device device, IExerciseReporter reporter)
    {
        using var scope = NewDisposeScope();
        var series = (float[])data.HeldOut!;
        var (inputs, targets) = SeriesData.Windows(series, SeasonalSeries.Window, SeasonalSeries.TrainLength);
        var forecast = Predict(model, inputs, device);
        if (!forecast.shape.SequenceEqual(targets.shape))
        {
            throw new JudgeException(
                $"The forecaster returned a tensor of shape [{string.Join(", ", forecast.shape)}]; expected [{targets.shape[0]}, 1].");
        }
        var lastValues = inputs[.., -1, ..];
        var testMse = nn.functional.mse_loss(forecast, targets).item<float>();
        var baselineMse = nn.functional.mse_loss(lastValues, targets).item<float>();
        return new Dictionary<string, double>
        {
            ["test_mse"] = testMse,
            ["baseline_mse"] = baselineMse,
            ["mse_ratio"] = testMse / baselineMse,
        };
    }
}
