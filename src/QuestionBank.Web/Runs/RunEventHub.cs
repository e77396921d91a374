using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuestionBank.Data;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Runs;

/// <summary>
/// One LISTEN connection per web process on <see cref="RunQueue.EventsChannel"/>, fanned out to
/// the event streams of the runs being watched. A stream also re-reads on a timer, so a missed
/// notification (a reconnect) only delays it.
/// </summary>
public sealed class RunEventHub(IServiceScopeFactory scopes, ILogger<RunEventHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> watchers = new();

    public Subscription Watch(Guid runId)
    {
        var subscription = new Subscription(this, runId);
        watchers.GetOrAdd(runId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var connectionString = scope.ServiceProvider.GetRequiredService<QuestionBankDbContext>().Database.GetConnectionString();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (Guid.TryParse(notification.Payload, out var runId) && watchers.TryGetValue(runId, out var subscriptions))
                    {
                        foreach (var subscription in subscriptions.Keys)
                        {
                            subscription.Signal();
                        }
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {RunQueue.EventsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Listening for run events failed; streams poll until it reconnects");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>A stream's wake-up call: signalled when its run has new events.</summary>
    public sealed class Subscription(RunEventHub hub, Guid runId) : IDisposable
    {
        private readonly SemaphoreSlim signal = new(0);

        public void Signal()
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }

        /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

        public void Dispose()
        {
            if (hub.watchers.TryGetValue(runId, out var subscriptions))
            {
                subscriptions.TryRemove(this, out _);
                if (subscriptions.IsEmpty)
                {
                    hub.watchers.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Subscription, byte>>(runId, subscriptions));
                }
            }
        }
    }
}
