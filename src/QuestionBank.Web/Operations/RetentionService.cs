using Microsoft.Extensions.Options;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Operations;

/// <summary>Applies run retention (RunRetention) at start-up and then every interval; on every replica, since a pass is idempotent.</summary>
public sealed class RetentionService(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RunDetailsDays <= 0)
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
        var plan = await scope.ServiceProvider.GetRequiredService<RunRetention>().ApplyAsync(options.Value.RunDetailsAge, cancellationToken);
        if (plan.Runs.Count > 0)
        {
            logger.LogInformation(
                "Retention: {Runs} runs finished before {Cutoff} lost {Events} progress events and {Images} images",
                plan.Runs.Count, plan.Cutoff, plan.ProgressEvents, plan.Images);
        }
    }
}
