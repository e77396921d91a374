using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Exercises.Tests;

public sealed partial class ExerciseCatalogTests
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

    [Fact]
    public void EveryExerciseHasAChineseTitleAndSummaryWithTheEnglishOnesPlaceholdersAndNumbers()
    {
        var chineseCulture = CultureInfo.GetCultureInfo("zh-CN");
        foreach (var exercise in ExerciseCatalog.All)
        {
            // The placeholders as written, before Load fills them in.
            var written = JsonNode.Parse(Embedded($"{exercise.Id}/description.json"), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip })!;
            Assert.Equal(Placeholders((string)written["summary"]!), Placeholders((string)written["zh"]!["summary"]!));

            var chinese = exercise.TextIn(chineseCulture);
            Assert.Equal(exercise.Chinese, chinese);
            Assert.Matches(HanCharacter(), chinese.Title);
            Assert.Matches(HanCharacter(), chinese.Summary);
            Assert.DoesNotContain("{", chinese.Summary, StringComparison.Ordinal);
            Assert.True(
                Numbers(exercise.Summary).SequenceEqual(Numbers(chinese.Summary)),
                $"{exercise.Id}: the English summary has the numbers {string.Join(" ", Numbers(exercise.Summary))}, the Chinese one {string.Join(" ", Numbers(chinese.Summary))}.");
        }
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("zh-TW", true)]
    [InlineData("zh", true)]
    [InlineData("en", false)]
    [InlineData("de-DE", false)]
    public void AnExercisesTextIsChineseForAnyChineseCultureAndEnglishOtherwise(string culture, bool chinese)
    {
        var exercise = ExerciseCatalog.Cnn;
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

            var expected = chinese ? exercise.Chinese : new ExerciseText(exercise.Title, exercise.Summary);
            Assert.Equal(expected, exercise.Text);
            Assert.Equal(expected, exercise.TextIn(CultureInfo.GetCultureInfo(culture)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static string Embedded(string name)
    {
        using var stream = typeof(ExerciseDescription).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<string> Placeholders(string summary) => [.. Placeholder().Matches(summary).Select(match => match.Value).Order(StringComparer.Ordinal)];

    private static List<string> Numbers(string text) => [.. Number().Matches(text).Select(match => match.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    // 8,000 and 0.95 are one number each; "[N, 1, 28, 28]" is three.
    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}
