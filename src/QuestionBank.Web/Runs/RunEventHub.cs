using System.Collections.Concurrent;
using QuestionBank.Data.Notifications;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Runs;

/// <summary>
/// The process's notifications on <see cref="RunQueue.EventsChannel"/>, fanned out to the event streams
/// of the runs being watched. A stream also re-reads on a timer, so a missed notification (a reconnect)
/// only delays it.
/// </summary>
public sealed class RunEventHub(NotificationHub notifications) : BackgroundService
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
        using var events = notifications.Subscribe(RunQueue.EventsChannel, payload =>
        {
            if (Guid.TryParse(payload, out var runId) && watchers.TryGetValue(runId, out var subscriptions))
            {
                foreach (var subscription in subscriptions.Keys)
                {
                    subscription.Signal();
                }
            }
        });
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
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
