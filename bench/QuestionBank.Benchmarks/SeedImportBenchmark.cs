using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Importing;

namespace QuestionBank.Benchmarks;

/// <summary>Time to import the five seeds and the glossary into an empty bank: the first (cold) run and the median of warm runs.</summary>
public static class SeedImportBenchmark
{
    public sealed record Result(double ColdMs, double MedianMs, int Runs);

    public static async Task<Result> RunAsync(EmbeddedPostgres cluster, IReadOnlyList<string> seeds, int runs = 5)
    {
        await using var db = await BankContext.OpenAsync(cluster, "bench_import");
        var importer = BankContext.Importer(db);
        var times = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            await db.Database.ExecuteSqlRawAsync(
                "TRUNCATE documents, sections, questions, question_parts, code_blocks, glossaries, search_words RESTART IDENTITY CASCADE");
            var watch = Stopwatch.StartNew();
            // Reading the files is part of an import, as it is for the app's start-up.
            var files = seeds.Select(path => new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path))).ToList();
            await importer.ImportFilesAsync(files, ImportOptions.System);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var warm = times.Skip(1).Order().ToList();
        return new Result(times[0], warm[warm.Count / 2], runs);
    }
}
