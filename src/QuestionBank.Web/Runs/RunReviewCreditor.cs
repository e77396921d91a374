using Npgsql;
using QuestionBank.Data.Notifications;
using QuestionBank.Data.Reviews;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Runs;

/// <summary>
/// Counts learners' runs whose goals were met as Good reviews (<see cref="RunReviewCredits"/>)
/// as soon as a run event is NOTIFYed, and on a timer in case a notification was missed.
/// </summary>
public sealed class RunReviewCreditor(NotificationHub notifications, IServiceScopeFactory scopes, ILogger<RunReviewCreditor> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim signal = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var events = notifications.Subscribe(RunQueue.EventsChannel, _ =>
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var credited = await scope.ServiceProvider.GetRequiredService<RunReviewCredits>().CreditWaitingAsync(stoppingToken);
                if (credited > 0)
                {
                    logger.LogInformation("Counted {Runs} runs whose goals were met as Good reviews", credited);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Counting runs as reviews failed; trying again later");
            }
            try
            {
                await signal.WaitAsync(Sweep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
