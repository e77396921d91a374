using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Search;
using QuestionBank.Data;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Importing;

namespace QuestionBank.Benchmarks;

/// <summary>Fills a database with perturbed copies of the seeds until it holds the requested number of questions.</summary>
public static class BankGenerator
{
    public const string Database = "bench_load";

    private static readonly string[] Vocabulary =
        ["正则化", "学习率", "批归一化", "注意力机制", "梯度裁剪", "数据增强", "早停", "量化", "知识蒸馏", "残差连接", "dropout", "optimizer", "embedding", "benchmark"];

    public sealed record Bank(int Questions, int Documents, double Seconds, bool Reused, IReadOnlyList<string> SampleSlugs);

    /// <summary>The bank of <paramref name="questions"/> questions: built, or the one a kept cluster already holds.</summary>
    public static async Task<Bank> BuildAsync(EmbeddedPostgres cluster, IReadOnlyList<string> seeds, int questions)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await BankContext.OpenAsync(cluster, Database);
        var reused = await db.Questions.CountAsync() >= questions;
        if (!reused)
        {
            await FillAsync(db, seeds, questions);
        }

        var count = await db.Questions.CountAsync();
        var documents = await db.Documents.CountAsync();
        var slugs = await db.Questions.OrderBy(q => EF.Functions.Random()).Select(q => q.Slug).Take(500).ToListAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return new Bank(count, documents, watch.Elapsed.TotalSeconds, reused, slugs);
    }

    private static async Task FillAsync(QuestionBankDbContext db, IReadOnlyList<string> seeds, int questions)
    {
        var importer = BankContext.Importer(db);
        var random = new Random(20261125);
        // The glossary is imported once; the documents are copied.
        var glossary = seeds.Where(path => GlossaryParser.IsGlossary(Path.GetFileName(path)))
            .Select(path => new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path))).ToList();
        await importer.ImportFilesAsync(glossary, ImportOptions.System);
        seeds = seeds.Where(path => !GlossaryParser.IsGlossary(Path.GetFileName(path))).ToList();
        var texts = seeds.Select(File.ReadAllText).ToList();
        const int seedQuestions = 85;
        var copies = (questions + seedQuestions - 1) / seedQuestions;
        for (var copy = 0; copy < copies; copy += 2)
        {
            var batch = Enumerable.Range(copy, Math.Min(2, copies - copy))
                .SelectMany(c => seeds.Select((path, i) => new ImportFile(
                    $"copy-{c:D4}-{Path.GetFileName(path)}",
                    Encoding.UTF8.GetBytes(Perturb(texts[i], c, random)))))
                .ToList();
            await importer.ImportFilesAsync(batch, ImportOptions.System);
        }
    }

    /// <summary>Tags every question title with its copy and sprinkles vocabulary into the prose, leaving code fences alone.</summary>
    private static string Perturb(string text, int copy, Random random)
    {
        var output = new StringBuilder(text.Length + 4096);
        var inFence = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                output.Append(line).Append('\n');
                continue;
            }

            var numberedHeading = !inFence && line.StartsWith('#') && line.TrimStart('#').TrimStart().Length > 0
                && char.IsDigit(line.TrimStart('#').TrimStart()[0]);
            if (numberedHeading)
            {
                output.Append(line.TrimEnd()).Append($"（变体 {copy}）\n");
            }
            else if (!inFence && line.Length > 20 && random.Next(3) == 0)
            {
                output.Append(line).Append(' ').Append(Vocabulary[random.Next(Vocabulary.Length)]).Append('\n');
            }
            else
            {
                output.Append(line).Append('\n');
            }
        }

        return output.ToString();
    }
}
