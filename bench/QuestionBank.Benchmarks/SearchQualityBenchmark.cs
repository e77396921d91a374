using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Search;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Queries;

namespace QuestionBank.Benchmarks;

/// <summary>
/// Search quality on the judged query set (tests/QuestionBank.Web.Tests/Search/judged-queries.json):
/// the seeds and the glossary are imported, every query is searched as the site searches it, and
/// nDCG@10, MRR and the share of queries with no result are printed for each kind and overall.
/// </summary>
public static class SearchQualityBenchmark
{
    private const int Depth = 10;

    public sealed record Judged(string Query, string Kind, Dictionary<string, int> Relevant);

    public sealed record Score(string Query, string Kind, double Ndcg, double ReciprocalRank, bool Zero, IReadOnlyList<string> Top);

    public static async Task<IReadOnlyList<Score>> RunAsync(EmbeddedPostgres cluster, string repo, IReadOnlyList<string> contentFiles, bool verbose, bool list)
    {
        await using var db = await BankContext.OpenAsync(cluster, "bench_quality");
        await db.Database.ExecuteSqlRawAsync(
            "TRUNCATE documents, sections, questions, question_parts, code_blocks, glossaries, search_words, imports RESTART IDENTITY CASCADE");
        var files = contentFiles.Select(path => new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path))).ToList();
        await BankContext.Importer(db).ImportFilesAsync(files, ImportOptions.System);
        if (list)
        {
            foreach (var question in await db.Questions.OrderBy(q => q.Document.Slug).ThenBy(q => q.Position).Select(q => new { q.Slug, q.Kind, q.Title }).ToListAsync())
            {
                Console.WriteLine($"{question.Slug}\t{question.Kind}\t{question.Title}");
            }
        }

        var search = new SearchQueries(db, BankContext.Catalog(), new QueryAnalyzer(BankContext.Segmenter));
        var path = Path.Combine(repo, "tests", "QuestionBank.Web.Tests", "Search", "judged-queries.json");
        var judged = JsonSerializer.Deserialize<List<Judged>>(await File.ReadAllTextAsync(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var scores = new List<Score>();
        foreach (var query in judged)
        {
            var result = await search.SearchAsync(new SearchRequest(query.Query, 1, Depth));
            var top = result.Hits.Items.Select(h => h.Slug).ToList();
            var gains = top.Select(slug => query.Relevant.GetValueOrDefault(slug)).ToList();
            var ideal = query.Relevant.Values.OrderDescending().Take(Depth).ToList();
            var ndcg = Dcg(gains) / Math.Max(Dcg(ideal), double.Epsilon);
            var firstRelevant = gains.FindIndex(g => g > 0);
            var score = new Score(query.Query, query.Kind, ndcg, firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1), result.Hits.Total == 0, top);
            scores.Add(score);
            if (verbose)
            {
                Console.WriteLine($"{score.Ndcg,5:F2} {score.ReciprocalRank,5:F2} [{query.Kind}] {query.Query}{(result.Query.Corrected is { } c ? $" → {c}" : string.Empty)}");
                Console.WriteLine($"        {string.Join(' ', top.Select(s => $"{s}:{query.Relevant.GetValueOrDefault(s)}"))}");
            }
        }

        Console.WriteLine($"{"kind",-12} {"queries",7} {"nDCG@10",8} {"MRR",6} {"zero",6}");
        foreach (var group in scores.GroupBy(s => s.Kind).Append(scores.GroupBy(_ => "overall").Single()))
        {
            Console.WriteLine($"{group.Key,-12} {group.Count(),7} {group.Average(s => s.Ndcg),8:F3} {group.Average(s => s.ReciprocalRank),6:F3} {group.Count(s => s.Zero) / (double)group.Count(),6:P0}");
        }

        return scores;
    }

    private static double Dcg(IReadOnlyList<int> gains) =>
        gains.Take(Depth).Select((gain, i) => (Math.Pow(2, gain) - 1) / Math.Log2(i + 2)).Sum();
}
