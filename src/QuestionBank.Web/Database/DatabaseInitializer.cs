using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using QuestionBank.Core.Search;
using QuestionBank.Data;
using QuestionBank.Data.Importing;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Database;

/// <summary>
/// Runs before the server accepts requests: applies migrations, creates the configured first admin, and imports the content folder into an empty bank.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IServiceProvider services,
    IOptions<QuestionBankOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // jieba's dictionary takes a second or two to load: load it beside the migrations, not on the first search.
        var segmenter = Task.Run(services.GetRequiredService<IWordSegmenter>, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuestionBankDbContext>();
        // On a new database EF reads the migration history before it creates the table, and logs that read's
        // failure as an error (dotnet/efcore#37328): with the database and the table made first (as Migrate
        // would make them), a clean first start logs none.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureFirstAdminAsync(cancellationToken);

        await segmenter;
        if (await db.Documents.AnyAsync(cancellationToken))
        {
            return;
        }

        var content = FindContentDirectory(options.Value.ContentDirectory);
        if (content is null)
        {
            logger.LogWarning("The bank is empty and no content folder {ContentDirectory} was found", options.Value.ContentDirectory);
            return;
        }

        var files = Directory.GetFiles(content, "*.md").Order(StringComparer.Ordinal)
            .Select(path => new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path)));
        var importer = scope.ServiceProvider.GetRequiredService<DocumentImporter>();
        var outcome = await importer.ImportFilesAsync(files, ImportOptions.System, cancellationToken);
        logger.LogInformation("Imported {Count} documents from {ContentDirectory}", outcome.Documents.Count, content);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A relative folder is looked for in the content root and its parents, so the app finds the repo's content/ whether started from the repo root or the project folder.</summary>
    private string? FindContentDirectory(string configured)
    {
        if (Path.IsPathRooted(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
