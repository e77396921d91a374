using Microsoft.Extensions.Options;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Operations;

/// <summary>
/// Applies run and import retention (RunRetention, ImportRetention) at start-up and then every interval;
/// on every replica, since a pass is idempotent.
/// </summary>
public sealed class RetentionService(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value is { RunDetailsDays: <= 0, ImportHistoryDepth: <= 0 })
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.IntervalHours), clock);
        do
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next pass tries again: a failed one must not stop the site.
                logger.LogError(error, "A retention pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (options.Value.RunDetailsDays > 0)
        {
            var runs = await scope.ServiceProvider.GetRequiredService<RunRetention>().ApplyAsync(options.Value.RunDetailsAge, cancellationToken);
            if (runs.Runs.Count > 0)
            {
                logger.LogInformation(
                    "Retention: {Runs} runs finished before {Cutoff} lost {Events} progress events and {Images} images",
                    runs.Runs.Count, runs.Cutoff, runs.ProgressEvents, runs.Images);
            }
        }

        if (options.Value.ImportHistoryDepth > 0)
        {
            var imports = await scope.ServiceProvider.GetRequiredService<ImportRetention>().ApplyAsync(options.Value.ImportHistoryDepth, cancellationToken);
            if (imports.Imports.Count > 0)
            {
                logger.LogInformation(
                    "Retention: {Imports} imports older than the newest {Depth} lost {Versions} previous versions; they can no longer be rolled back",
                    imports.Imports.Count, imports.Depth, imports.PreviousVersions);
            }
        }
    }
}
