using Microsoft.Extensions.Options;
using Npgsql;
using QuestionBank.Data;
using QuestionBank.Data.Backups;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Runs;
using QuestionBank.Web.Operations;

namespace QuestionBank.Web.Cli;

/// <summary>The operators' commands: backup, restore and prune.</summary>
public sealed partial class CommandLine
{
    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName)!;

    private static async Task<int> BackupAsync(IServiceProvider services, FileInfo file, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Backing up {new NpgsqlConnectionStringBuilder(ConnectionString(services)).Database} to {file.FullName}:");
        try
        {
            await new DatabaseBackup(ConnectionString(services), Console.Out).BackupAsync(file.FullName, cancellationToken);
        }
        catch (BackupException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 1;
        }

        file.Refresh();
        Console.WriteLine($"Backed up: {file.FullName}, {file.Length / 1024.0:0.#} KB.");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, FileInfo file, bool replace, CancellationToken cancellationToken)
    {
        var backup = new DatabaseBackup(ConnectionString(services), Console.Out);
        var database = new NpgsqlConnectionStringBuilder(ConnectionString(services)).Database;
        try
        {
            var migrations = await DatabaseBackup.ArchiveMigrationsAsync(file.FullName, cancellationToken);
            if (migrations.Count == 0)
            {
                await Console.Error.WriteLineAsync($"{file.Name} holds no QuestionBank database: nothing was restored.");
                return 1;
            }

            var db = services.GetRequiredService<QuestionBankDbContext>();
            if (SchemaVersion.Unknown(db, migrations) is { Count: > 0 } newer)
            {
                await Console.Error.WriteLineAsync($"{SchemaVersion.NewerThanThisVersion($"The backup {file.Name}", newer)} Nothing was restored.");
                return 1;
            }

            if (await backup.TablesAsync(cancellationToken) is > 0 and var tables && !replace)
            {
                await Console.Error.WriteLineAsync(
                    $"The database {database} is not empty ({tables} tables): restore refuses to overwrite it. " +
                    "Restore into an empty data folder or database, or pass --replace to replace what it holds.");
                return 1;
            }

            Console.WriteLine($"Restoring {file.FullName} into {database}{(replace ? ", replacing what it held" : string.Empty)}:");
            await backup.RestoreAsync(file.FullName, replace, cancellationToken);
        }
        catch (BackupException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 1;
        }

        Console.WriteLine($"Restored {file.Name} into {database}.");
        return 0;
    }

    private static async Task<int> PruneAsync(IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        // A setting of 0 keeps everything of its kind, as it does for the retention service.
        if (options.RunDetailsDays > 0)
        {
            var runs = services.GetRequiredService<RunRetention>();
            var plan = dryRun ? await runs.PlanAsync(options.RunDetailsAge, cancellationToken) : await runs.ApplyAsync(options.RunDetailsAge, cancellationToken);
            Console.WriteLine(
                $"{(dryRun ? "Dry run: would delete" : "Deleted")} {plan.ProgressEvents} progress events and {plan.Images} images " +
                $"({plan.ImageBytes / 1024.0:0.#} KB) of {plan.Runs.Count} runs finished before {plan.Cutoff:u}; " +
                $"{plan.BestRunsKept} best runs keep theirs. Their status, metrics and source stay.");
        }

        if (options.ImportHistoryDepth > 0)
        {
            var imports = services.GetRequiredService<ImportRetention>();
            var history = dryRun
                ? await imports.PlanAsync(options.ImportHistoryDepth, cancellationToken)
                : await imports.ApplyAsync(options.ImportHistoryDepth, cancellationToken);
            Console.WriteLine(
                $"{(dryRun ? "Dry run: would drop" : "Dropped")} {history.PreviousVersions} previous document versions " +
                $"({history.PreviousCharacters / 1024.0:0.#} K characters) and {history.ImageLinks} image links of {history.Imports.Count} imports " +
                $"older than the newest {history.Depth}; they stay in the history but can no longer be rolled back.");
        }

        return 0;
    }
}
