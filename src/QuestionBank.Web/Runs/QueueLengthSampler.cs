using Npgsql;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Runs;

/// <summary>Samples the queue length per device every few seconds for the questionbank.runs.queued gauge.</summary>
public sealed class QueueLengthSampler(IServiceScopeFactory scopes, RunMetrics metrics, ILogger<QueueLengthSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                metrics.SetQueueLengths(await scope.ServiceProvider.GetRequiredService<RunQueries>().QueueLengthsAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Sampling the run queue failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
