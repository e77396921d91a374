namespace QuestionBank.Exercises.Lstm;

/// <summary>Forecast the next value of a seasonal time series with an LSTM.</summary>
public sealed class LstmDescription : ExerciseDescription
{
    public override string Id => "lstm";

    public override IReadOnlyList<string> QuestionKeywords => ["LSTM", "时间序列", "序列预测"];

    public override string Title => "LSTM: forecast a seasonal time series";

    public override string Summary =>
        "Train a recurrent forecaster on the first 1,000 points of a seasonal series with trend and noise " +
        "(ctx.Series) and Submit it: it maps windows [N, 24, 1] to the next value [N, 1]. The judge walks " +
        "it over the held-out last 200 points one window at a time and compares its MSE with the naive last-value forecast.";

    public override ExerciseParameters Defaults => new(Epochs: 30, LearningRate: 0.005, BatchSize: 32, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 100, 1e-5, 0.1, MinBatchSize: 4, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("mse_ratio", Maximum: 0.2)];
}
