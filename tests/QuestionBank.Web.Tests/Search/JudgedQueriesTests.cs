using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Core.Search;

namespace QuestionBank.Web.Tests.Search;

/// <summary>
/// The judged query set that bench/quality.sh scores search on. Its figures are a benchmark, not
/// a test; this checks only that the set is sound: enough queries of every kind, judged against questions the seeds really have.
/// </summary>
public sealed class JudgedQueriesTests
{
    private sealed record Judged(string Query, string Kind, Dictionary<string, int> Relevant);

    [Fact]
    public void EveryJudgedQuestionIsASeedQuestionAndEveryKindHasQueries()
    {
        var repo = QuestionBankApp.RepoRoot;
        var pipeline = MarkdownPipelineFactory.Create();
        var parser = new MarkdownDocumentParser(pipeline);
        var slugs = Directory.GetFiles(Path.Combine(repo, "content"), "*.md")
            .Where(path => !GlossaryParser.IsGlossary(Path.GetFileName(path)))
            .SelectMany(path => parser.Parse(Path.GetFileName(path), File.ReadAllBytes(path)).Sections)
            .SelectMany(section => section.Questions)
            .Select(question => question.Slug)
            .ToHashSet();
        var judged = JsonSerializer.Deserialize<List<Judged>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Search", "judged-queries.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.True(judged.Count >= 60, $"{judged.Count} queries");
        Assert.Equal(["chinese", "code", "english", "natural-en", "natural-zh", "typo"], judged.Select(j => j.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.All(judged, j => Assert.NotEmpty(j.Relevant));
        Assert.All(judged.SelectMany(j => j.Relevant), pair => Assert.Contains(pair.Key, slugs));
        Assert.All(judged.SelectMany(j => j.Relevant.Values), grade => Assert.InRange(grade, 1, 3));
        Assert.Equal(judged.Count, judged.Select(j => j.Query).Distinct().Count());
    }
}
