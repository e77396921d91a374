using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Importing;

namespace QuestionBank.Benchmarks;

/// <summary>
/// Time to import the five seeds and the glossary into an empty bank: the first (cold) run and the median of
/// warm runs, each also as this process's CPU time, which other load on the machine hardly changes.
/// </summary>
public static class SeedImportBenchmark
{
    public sealed record Result(double ColdMs, double ColdCpuMs, double MedianMs, double MedianCpuMs, int Runs);

    public static async Task<Result> RunAsync(EmbeddedPostgres cluster, IReadOnlyList<string> seeds, int runs = 5)
    {
        await using var db = await BankContext.OpenAsync(cluster, "bench_import");
        var importer = BankContext.Importer(db);
        var times = new List<(double Wall, double Cpu)>();
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run <= runs; run++)
        {
            await db.Database.ExecuteSqlRawAsync(
                "TRUNCATE documents, sections, questions, question_parts, code_blocks, glossaries, search_words RESTART IDENTITY CASCADE");
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            // Reading the files is part of an import, as it is for the app's start-up.
            var files = seeds.Select(path => new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path))).ToList();
            await importer.ImportFilesAsync(files, ImportOptions.System);
            var wall = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            times.Add((wall, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds));
        }

        var warm = times.Skip(1).OrderBy(t => t.Wall).ToList();
        return new Result(times[0].Wall, times[0].Cpu, warm[warm.Count / 2].Wall, warm[warm.Count / 2].Cpu, runs);
    }
}
