using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Data;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Importing;

namespace QuestionBank.Benchmarks;

/// <summary>A migrated database of the benchmark cluster and an importer on it, built as the app builds them.</summary>
public static class BankContext
{
    private static readonly Markdig.MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();

    public static async Task<QuestionBankDbContext> OpenAsync(EmbeddedPostgres cluster, string database)
    {
        await cluster.EnsureDatabaseAsync(database);
        var builder = new DbContextOptionsBuilder<QuestionBankDbContext>();
        builder.UseQuestionBankDatabase(cluster.ConnectionString(database));
        var db = new QuestionBankDbContext(builder.Options);
        await db.Database.MigrateAsync();
        return db;
    }

    public static DocumentImporter Importer(QuestionBankDbContext db) =>
        new(db, new MarkdownDocumentParser(Pipeline), Pipeline, TimeProvider.System, NullLogger<DocumentImporter>.Instance);
}
