using System.Text;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Importing;
using QuestionBank.Core.Search;

namespace QuestionBank.Web.Tests.Importing;

/// <summary>
/// Every seed coding question gets the exercise of the technique it asks for, or none while that
/// exercise does not exist; the table in docs/exercises.md is this test's output (QB_UPDATE_DOCS=1 rewrites it).
/// </summary>
public sealed class SeedExerciseTests
{
    private const string TableStart = "<!-- seed-exercises:start -->";
    private const string TableEnd = "<!-- seed-exercises:end -->";

    private static readonly string SharedSeeds = Path.GetFullPath(Path.Combine(QuestionBankApp.RepoRoot, "..", "shared", "seeds"));

    /// <summary>Techniques a coding title can name, most specific first, with the exercise that teaches each (null: none yet).</summary>
    private static readonly (string Technique, string[] TitleWords, string? Exercise, string Why)[] Techniques =
    [
        ("GAN", ["GAN", "生成对抗"], "gan", "GAN image generation"),
        ("reinforcement learning", ["强化学习", "DQN"], "dqn", "an agent trained by reinforcement learning"),
        ("time-series forecasting", ["时间序列"], "lstm", "recurrent forecasting of a series"),
        ("sequence classification", ["序列分类"], "rnn-classify", "a recurrent network classifying sequences (words by language)"),
        ("transfer learning", ["迁移学习"], "transfer", "fine-tuning a pretrained backbone on few labelled examples (digits there, the technique is the same)"),
        ("Transformer text classification", ["Transformer", "transformers"], "transformer", "a Transformer encoder classifying text (words by language)"),
        ("pruning", ["剪枝"], "prune", "magnitude pruning of a trained CNN"),
        ("mixed precision", ["混合精度"], null, "TorchSharp 0.107 has no autocast or loss scaling; quantize teaches int8 weights, another technique"),
        ("distributed training", ["分布式"], null, "distributed training cannot run in a single jailed process"),
        ("CNN image classification", ["CNN", "图像分类", "卷积神经网络"], "cnn", "a CNN classifying images"),
    ];

    private static readonly MarkdownDocumentParser Parser = new(MarkdownPipelineFactory.Create());

    public static TheoryData<string> SeedFolders()
    {
        var folders = new TheoryData<string> { Path.Combine(QuestionBankApp.RepoRoot, "content") };
        if (Directory.Exists(SharedSeeds))
        {
            folders.Add(SharedSeeds);
        }

        return folders;
    }

    [Theory]
    [MemberData(nameof(SeedFolders))]
    public void EverySeedCodingQuestionGetsTheExerciseOfItsTechniqueOrNone(string folder)
    {
        var rows = Rows(folder);

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.True(
            row.Expected == row.Assigned,
            $"{row.File} {row.Question.Number} “{row.Question.Title}” ({row.Technique ?? "no technique"}) gets {row.Assigned ?? "none"}, expected {row.Expected ?? "none"}."));
        Assert.Contains(rows, row => row.Question.Title.Contains("基于 RNN 的序列分类模型", StringComparison.Ordinal) && row.Assigned == "rnn-classify");
        Assert.Equal(["cnn", "dqn", "gan", "lstm", "prune", "rnn-classify", "transfer", "transformer"], rows.Select(r => r.Assigned).OfType<string>().Distinct().Order());
    }

    [Fact]
    public void TheExercisesGuideListsEachSeedCodingQuestionsExercise()
    {
        var path = Path.Combine(QuestionBankApp.RepoRoot, "docs", "exercises.md");
        var guide = File.ReadAllText(path);
        var start = guide.IndexOf(TableStart, StringComparison.Ordinal);
        var end = guide.IndexOf(TableEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/exercises.md has no seed exercise table markers.");
        var table = Table(Rows(Path.Combine(QuestionBankApp.RepoRoot, "content")));

        if (Environment.GetEnvironmentVariable("QB_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, guide[..(start + TableStart.Length)] + "\n" + table + guide[end..]);
            return;
        }

        Assert.Equal(table, guide[(start + TableStart.Length + 1)..end]);
    }

    private static List<Row> Rows(string folder) =>
        [.. Directory.GetFiles(folder).Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
            .Where(f => !GlossaryParser.IsGlossary(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Parser.Parse(Path.GetFileName(file), File.ReadAllBytes(file)).Questions
                .Where(q => q.Kind == QuestionKind.Coding)
                .Select(q => RowOf(Path.GetFileName(file), q)))];

    private static Row RowOf(string file, ParsedQuestion question)
    {
        var technique = Techniques.FirstOrDefault(t => t.TitleWords.Any(w => question.Title.Contains(w, StringComparison.Ordinal)));
        var assigned = ExerciseAssignments.Of(question);
        return new Row(file, question, technique.Technique, technique.Exercise, technique.Technique is null ? "no technique with an exercise" : technique.Why, assigned.ExerciseId, assigned.Source.ToString().ToLowerInvariant());
    }

    private static string Table(List<Row> rows)
    {
        var table = new StringBuilder("| document | question | exercise | how | why |\n| --- | --- | --- | --- | --- |\n");
        foreach (var row in rows)
        {
            table.Append($"| `{row.File}` | {row.Question.Number}. {row.Question.Title} | {(row.Assigned is { } id ? $"`{id}`" : "none")} | {row.Source} | {row.Why} |\n");
        }

        return table.ToString();
    }

    private sealed record Row(string File, ParsedQuestion Question, string? Technique, string? Expected, string Why, string? Assigned, string Source);
}
