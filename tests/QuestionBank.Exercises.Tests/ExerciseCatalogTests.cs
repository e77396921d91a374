namespace QuestionBank.Exercises.Tests;

public sealed class ExerciseCatalogTests
{
    [Theory]
    [InlineData("cnn", "test_accuracy")]
    [InlineData("lstm", "mse_ratio")]
    [InlineData("gan", "confident_fraction")]
    [InlineData("dqn", "eval_mean_return")]
    [InlineData("transformer", "test_accuracy")]
    [InlineData("rnn-classify", "test_accuracy")]
    [InlineData("prune", "sparsity")]
    [InlineData("quantize", "compression_ratio")]
    [InlineData("distill", "parameter_ratio")]
    [InlineData("transfer", "test_accuracy")]
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
    public void EveryDescribedExerciseHasItsDataAndJudge() =>
        Assert.Equal(
            ExerciseCatalog.All.Select(exercise => exercise.Id),
            ExerciseRegistry.All.Select(exercise => exercise.Description.Id));

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

        Assert.True(gan.MeetsGoals(new Dictionary<string, double>
        {
            ["confident_fraction"] = 0.85, ["classes_covered"] = 9, ["copied_fraction"] = 0.03, ["duplicate_fraction"] = 0,
        }));
        Assert.False(gan.MeetsGoals(new Dictionary<string, double>
        {
            ["confident_fraction"] = 0.85, ["classes_covered"] = 9, ["copied_fraction"] = 0.5, ["duplicate_fraction"] = 0,
        }));
        Assert.False(gan.MeetsGoals(new Dictionary<string, double> { ["confident_fraction"] = 0.85, ["classes_covered"] = 7 }));
        Assert.False(gan.MeetsGoals(new Dictionary<string, double> { ["confident_fraction"] = 0.85 }));
        Assert.Equal("mse_ratio ≤ 0.2", ExerciseCatalog.Find("lstm")!.Goals[0].ToString());
    }

    [Theory]
    [InlineData("实现一个基于 CNN 的图像分类模型。", "cnn")]
    [InlineData("实现一个基于深度学习的图像分类模型", "cnn")]
    [InlineData("实现一个基于循环神经网络（RNN）的时间序列预测模型", "lstm")]
    [InlineData("实现一个基于生成对抗网络（GAN）的图像生成模型", "gan")]
    [InlineData("实现一个基于强化学习的智能体进行游戏对战", "dqn")]
    [InlineData("实现一个基于 Transformer 的文本分类模型", "transformer")]
    [InlineData("实现一个基于 RNN 的序列分类模型", "rnn-classify")]
    [InlineData("实现一个基于 LSTM 的时间序列预测模型", "lstm")]
    [InlineData("模型剪枝的代码实例与解析", "prune")]
    [InlineData("混合精度训练的代码实例与解析", null)]
    [InlineData("实现一个基于迁移学习的图像分类模型", "transfer")]
    [InlineData("How to organize a team", null)]
    public void CodingQuestionsLinkToTheirExerciseByTitle(string title, string? exercise) =>
        Assert.Equal(exercise, ExerciseCatalog.ForQuestionTitle(title)?.Id);
}
