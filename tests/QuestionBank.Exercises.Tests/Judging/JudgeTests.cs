using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>The trusted judges, with a scripted model in place of the jail.</summary>
public sealed class JudgeTests
{
    [Fact]
    public async Task TheLstmJudgeShowsEachWindowOnlyOnceTheForecastBeforeItIsIn()
    {
        var model = new ScriptedModel(window => new FloatTensor([window.Data[^1]], [1, 1]));

        var verdict = await ExerciseRegistry.Find("lstm")!.CreateJudge(new Dictionary<string, byte[]>()).JudgeAsync(model.Tools, CancellationToken.None);

        Assert.False(model.EverAskedTwoAtOnce);
        Assert.Equal(200, model.Questions.Count);
        Assert.All(model.Questions, window => Assert.Equal([1, 24, 1], window.Shape));
        for (var i = 1; i < model.Questions.Count; i++)
        {
            // Each window is the one before, moved on by the single value that was just forecast.
            Assert.Equal(model.Questions[i - 1].Data[1..], model.Questions[i].Data[..^1]);
        }
        // Forecasting the last value is the baseline itself.
        Assert.Equal(1.0, verdict.Metrics["mse_ratio"], 6);
    }

    [Fact]
    public async Task TheLstmSeriesShapeAndNoiseAreDrawnForEachRun()
    {
        var lstm = ExerciseRegistry.Find("lstm")!;
        var first = lstm.CreateJudge(new Dictionary<string, byte[]>());
        var second = lstm.CreateJudge(new Dictionary<string, byte[]>());
        var lastValue = (FloatTensor window) => new FloatTensor([window.Data[^1]], [1, 1]);

        var firstVerdict = await first.JudgeAsync(new ScriptedModel(lastValue).Tools, CancellationToken.None);
        var secondVerdict = await second.JudgeAsync(new ScriptedModel(lastValue).Tools, CancellationToken.None);

        Assert.Equal(1000 * sizeof(float), first.TrainingFiles["series.bin"].Length);
        Assert.NotEqual(first.TrainingFiles["series.bin"], second.TrainingFiles["series.bin"]);
        Assert.NotEqual(firstVerdict.Metrics["baseline_mse"], secondVerdict.Metrics["baseline_mse"]);
    }

    [Theory]
    [InlineData("formula")]
    [InlineData("seasonal lag 12")]
    [InlineData("seasonal lag 24")]
    public async Task AForecasterWrittenForTheSeriesFormerFixedFormulaMissesTheGoalOnEveryRun(string rule)
    {
        // The series used to be 0.003 t + sin(2πt/12) + 0.3 sin(2πt/6) with noise: a rule finds t by fitting the window to
        // it and forecasts the next value, or repeats the value a cycle (or two) back, plus the trend over that lag.
        // The formula's values at whole t, worked out once: the fit tries 2,000 starts for each of the judge's windows.
        var formula = Enumerable.Range(0, 2025).Select(t => 0.003 * t + Math.Sin(2 * Math.PI * t / 12) + 0.3 * Math.Sin(2 * Math.PI * t / 6)).ToArray();
        Func<float[], double> forecast = rule switch
        {
            "formula" => window =>
            {
                var start = Enumerable.Range(0, 2000).MinBy(t0 =>
                {
                    var error = 0.0;
                    for (var i = 0; i < 24; i++)
                    {
                        error += (window[i] - formula[t0 + i]) * (window[i] - formula[t0 + i]);
                    }

                    return error;
                });
                return formula[start + 24];
            },
            "seasonal lag 12" => window => window[12] + 12 * 0.003,
            _ => window => window[0] + 24 * 0.003,
        };
        var lstm = ExerciseRegistry.Find("lstm")!;

        for (var run = 0; run < 20; run++)
        {
            var verdict = await lstm.CreateJudge(new Dictionary<string, byte[]>())
                .JudgeAsync(new ScriptedModel(window => new FloatTensor([(float)forecast(window.Data)], [1, 1])).Tools, CancellationToken.None);

            Assert.False(ExerciseCatalog.Lstm.MeetsGoals(verdict.Metrics), $"{rule}: mse_ratio {verdict.Metrics["mse_ratio"]}");
        }
    }

    [Fact]
    public async Task TheCnnJudgeShowsImagesWithoutLabelsAndCountsPredictionsUnderTheRunsLabels()
    {
        var judge = ExerciseRegistry.Find("cnn")!.CreateJudge(new Dictionary<string, byte[]> { [MnistFile.FileName] = SyntheticDigits.File(10_000) });
        var shown = SyntheticDigits.ShownLabels(judge.TrainingFiles[MnistFile.FileName]);
        var model = new ScriptedModel(images => new FloatTensor(
            SyntheticDigits.PerfectScores(images.Data, images.Shape[0], label => shown[label]), [images.Shape[0], 10]));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        Assert.Equal(8000, MnistFile.Read(judge.TrainingFiles[MnistFile.FileName]).Count);
        Assert.Equal(2000, model.Questions.Sum(question => question.Shape[0]));
        Assert.All(model.Questions, question => Assert.Equal(784, question.Data.Length / question.Shape[0]));
        Assert.Equal(1.0, verdict.Metrics["test_accuracy"]);
    }

    [Fact]
    public async Task ACnnThatKnowsEveryHeldOutDigitButNotTheRunsLabelsScoresNothing()
    {
        var judge = ExerciseRegistry.Find("cnn")!.CreateJudge(new Dictionary<string, byte[]> { [MnistFile.FileName] = SyntheticDigits.File(10_000) });
        var model = new ScriptedModel(images => new FloatTensor(SyntheticDigits.PerfectScores(images.Data, images.Shape[0]), [images.Shape[0], 10]));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        // Every training digit is shown under another digit's label, so the true digit is never the run's answer.
        Assert.All(SyntheticDigits.ShownLabels(judge.TrainingFiles[MnistFile.FileName]), pair => Assert.NotEqual(pair.Key, pair.Value));
        Assert.Equal(0, verdict.Metrics["test_accuracy"]);
    }

    [Fact]
    public async Task AModelThatAnswersWithTheWrongShapeCannotBeJudged()
    {
        var judge = ExerciseRegistry.Find("cnn")!.CreateJudge(new Dictionary<string, byte[]> { [MnistFile.FileName] = SyntheticDigits.File(10_000) });
        var model = new ScriptedModel(images => new FloatTensor(new float[images.Shape[0] * 10], [images.Shape[0] * 10]));

        var problem = await Assert.ThrowsAsync<JudgeException>(() => judge.JudgeAsync(model.Tools, CancellationToken.None));

        Assert.Contains("expected [500, 10]", problem.Message);
    }

    [Fact]
    public async Task TheDqnJudgeRunsTheSubmittedWeightsItselfAndNeverTheModelsForward()
    {
        // One linear layer whose bias always prefers action 1: a constant push lets the pole fall within a few dozen steps.
        var model = new ScriptedModel(_ => throw new InvalidOperationException("The judge called forward."))
        {
            State = new ModelState([StateTensor.FromFloats("fc.weight", new float[8], [2, 4]), StateTensor.FromFloats("fc.bias", [0, 1], [2])]).ToBytes(),
        };

        var verdict = await ExerciseRegistry.Find("dqn")!.CreateJudge(new Dictionary<string, byte[]>()).JudgeAsync(model.Tools, CancellationToken.None);

        Assert.Empty(model.Questions);
        Assert.InRange(verdict.Metrics["eval_mean_return"], 5, 60);
    }
}
