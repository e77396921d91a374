namespace QuestionBank.Exercises.Tests;

public sealed class ExerciseCatalogTests
{
    [Theory]
    [InlineData("cnn", "test_accuracy")]
    [InlineData("lstm", "mse_ratio")]
    [InlineData("gan", "confident_fraction")]
    [InlineData("dqn", "eval_mean_return")]
    public void EachExerciseHasAStarterASolutionValidDefaultsAndAGoal(string id, string goalMetric)
    {
        var exercise = ExerciseCatalog.Find(id);

        Assert.NotNull(exercise);
        Assert.Contains("public class Solution", exercise.Starter);
        Assert.Contains("public class Solution", exercise.Solution);
        Assert.NotEqual(exercise.Starter, exercise.Solution);
        Assert.Empty(exercise.Limits.Validate(exercise.Defaults));
        Assert.Contains(exercise.Goals, goal => goal.Metric == goalMetric);
    }

    [Fact]
    public void ParametersOutsideTheLimitsAreReportedByName()
    {
        var limits = ExerciseCatalog.Find("cnn")!.Limits;

        var problems = limits.Validate(new ExerciseParameters(Epochs: 0, LearningRate: double.NaN, BatchSize: 100_000, Seed: -1));

        Assert.Equal(["batchSize", "epochs", "learningRate", "seed"], problems.Keys.Order());
    }

    [Fact]
    public void GoalsCompareTheFinalMetrics()
    {
        var gan = ExerciseCatalog.Find("gan")!;

        Assert.True(gan.MeetsGoals(new Dictionary<string, double> { ["confident_fraction"] = 0.85, ["classes_covered"] = 9 }));
        Assert.False(gan.MeetsGoals(new Dictionary<string, double> { ["confident_fraction"] = 0.85, ["classes_covered"] = 7 }));
        Assert.False(gan.MeetsGoals(new Dictionary<string, double> { ["confident_fraction"] = 0.85 }));
        Assert.Equal("mse_ratio ≤ 0.2", ExerciseCatalog.Find("lstm")!.Goals[0].ToString());
    }
}
