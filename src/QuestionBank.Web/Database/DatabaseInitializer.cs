using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using QuestionBank.Core.Search;
using QuestionBank.Data;
using QuestionBank.Data.Importing;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Database;

/// <summary>
/// Runs before the server accepts requests, one replica at a time: refuses a schema newer than this
/// build, applies migrations, creates the configured first admin, and imports the content folder into an empty bank.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IServiceProvider services,
    IOptions<QuestionBankOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>The advisory lock replicas starting together take turns on, so one migrates and seeds and the others find it done.</summary>
    private const long StartUpLock = 0x5142_4d49_4752;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // jieba's dictionary takes a second or two to load: load it beside the migrations, not on the first search.
        var segmenter = Task.Run(services.GetRequiredService<IWordSegmenter>, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuestionBankDbContext>();
        await EnsureDatabaseAsync(db, cancellationToken);
        await using var lockConnection = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await LockAsync(lockConnection, "pg_advisory_lock", cancellationToken);
        try
        {
            // On a new database EF reads the migration history before it creates the table, and logs that read's
            // failure as an error (dotnet/efcore#37328): with the table made first (as Migrate would make it),
            // a clean first start logs none.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            if (SchemaVersion.Unknown(db, await db.Database.GetAppliedMigrationsAsync(cancellationToken)) is { Count: > 0 } newer)
            {
                throw new InvalidOperationException(SchemaVersion.NewerThanThisVersion("The database", newer));
            }

            await db.Database.MigrateAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureFirstAdminAsync(cancellationToken);
            await segmenter;
            await ImportContentIntoAnEmptyBankAsync(db, scope.ServiceProvider.GetRequiredService<DocumentImporter>(), cancellationToken);
        }
        finally
        {
            await LockAsync(lockConnection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    /// <summary>Creates the database where it is missing, as migrating would, so that the lock can be taken in it.</summary>
    private static async Task EnsureDatabaseAsync(QuestionBankDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created it first.
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}($1)", connection) { Parameters = { new() { Value = StartUpLock } } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ImportContentIntoAnEmptyBankAsync(QuestionBankDbContext db, DocumentImporter importer, CancellationToken cancellationToken)
    {
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
