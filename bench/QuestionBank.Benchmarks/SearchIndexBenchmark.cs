using System.Diagnostics;
using QuestionBank.Core.Search;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Queries;

namespace QuestionBank.Benchmarks;

/// <summary>
/// The search catalog of the benchmark bank in this process: how long it takes to load, how much
/// memory it holds, and each query's time inside the app (analysis, in-memory ranking, the page's
/// rows from PostgreSQL), without HTTP and without other requests in flight.
/// </summary>
public static class SearchIndexBenchmark
{
    public sealed record Result(
        double LoadMs, double MegaBytes, int Questions, int Lexemes, long Positions, double P50Ms, double P95Ms,
        IReadOnlyDictionary<string, double> MedianMsByQuery);

    public static async Task<Result> RunAsync(EmbeddedPostgres cluster, IReadOnlyList<string> queries, int rounds = 20)
    {
        await using var db = await BankContext.OpenAsync(cluster, BankGenerator.Database);
        var catalog = BankContext.Catalog();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var snapshot = await catalog.GetSnapshotAsync(db, CancellationToken.None);
        var loadMs = watch.Elapsed.TotalMilliseconds;
        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        var search = new SearchQueries(db, catalog, new QueryAnalyzer(BankContext.Segmenter));
        var times = queries.ToDictionary(q => q, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var query in queries)
            {
                watch.Restart();
                await search.SearchAsync(new SearchRequest(query, 1, 20));
                // The first round compiles and caches; the figures are the steady state.
                if (round > 0)
                {
                    times[query].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        var steady = times.Values.SelectMany(t => t).Order().ToList();
        return new Result(
            loadMs, bytes / 1048576.0, snapshot.Index.Count, snapshot.Index.LexemeCount, snapshot.Index.PositionCount,
            steady[steady.Count / 2], steady[(int)Math.Ceiling(0.95 * steady.Count) - 1],
            times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2)));
    }
}
