using System.Globalization;
using Microsoft.Extensions.Options;
using QuestionBank.Data;
using QuestionBank.Data.Backups;
using QuestionBank.Web.Database;

namespace QuestionBank.Web.Operations;

/// <summary>
/// Backs the embedded database up into &lt;data folder&gt;/backups when the newest backup there is
/// older than the interval (checked at start-up and hourly), and keeps the newest few.
/// </summary>
public sealed class ScheduledBackups(
    QuestionBankDatabase database,
    IConfiguration configuration,
    IOptions<BackupOptions> options,
    TimeProvider clock,
    ILogger<ScheduledBackups> logger) : BackgroundService
{
    private const string Pattern = "questionbank-*.backup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.DataPath is null || !options.Value.Enabled)
        {
            return;
        }

        var folder = Path.Combine(database.DataPath, "backups");
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await BackUpIfDueAsync(folder, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next check tries again: a failed backup must not stop the site.
                logger.LogError(error, "The scheduled backup into {Folder} failed", folder);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task BackUpIfDueAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        // Names sort by time: questionbank-yyyyMMdd-HHmmss.backup.
        var backups = Directory.GetFiles(folder, Pattern).Order(StringComparer.Ordinal).ToList();
        if (backups.Count > 0 && File.GetLastWriteTimeUtc(backups[^1]) > now.UtcDateTime - TimeSpan.FromHours(options.Value.IntervalHours))
        {
            return;
        }

        var file = Path.Combine(folder, $"questionbank-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.backup");
        await new DatabaseBackup(configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName)!, TextWriter.Null)
            .BackupAsync(file, cancellationToken);
        backups.Add(file);
        foreach (var old in backups.Take(Math.Max(0, backups.Count - Math.Max(1, options.Value.Keep))))
        {
            File.Delete(old);
        }

        logger.LogInformation("Backed up the database to {File}", file);
    }
}
