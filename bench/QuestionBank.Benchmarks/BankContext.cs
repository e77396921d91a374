using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Core.Search;
using QuestionBank.Data;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Search;

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

    /// <summary>The word segmenter with its dictionary, which takes long to load: one for the whole benchmark.</summary>
    public static JiebaWordSegmenter Segmenter { get; } = new();

    /// <summary>A search catalog of its own, as each app replica has one.</summary>
    public static SearchCatalog Catalog() => new(Segmenter, Pipeline);

    public static DocumentImporter Importer(QuestionBankDbContext db) =>
        new(db, new MarkdownDocumentParser(Pipeline), Pipeline, TimeProvider.System, Catalog(), NullLogger<DocumentImporter>.Instance);
}
