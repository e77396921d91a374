using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace QuestionBank.Data.Notifications;

/// <summary>
/// A process's one LISTEN connection: whatever in the process waits for a NOTIFY subscribes here to its
/// channel. The hub connects at the first subscription, LISTENs on every subscribed channel (a new one
/// within a second), and after a failure reconnects with back-off; meanwhile subscribers fall back on
/// their own timers, so a missed notification only delays them.
/// </summary>
public sealed partial class NotificationHub(NpgsqlDataSource dataSource, ILogger<NotificationHub> logger) : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    // How long a wait for notifications lasts before the hub looks for channels subscribed meanwhile.
    private static readonly TimeSpan ChannelCheck = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> channels = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock startLock = new();
    private Task? listening;

    /// <summary>Calls <paramref name="onNotification"/> with each payload sent on <paramref name="channel"/> until the subscription is disposed.</summary>
    public IDisposable Subscribe(string channel, Action<string> onNotification)
    {
        if (!ChannelName().IsMatch(channel))
        {
            throw new ArgumentException($"'{channel}' is not a channel name of ours.", nameof(channel));
        }
        var subscription = new Subscription(this, channel, onNotification);
        channels.GetOrAdd(channel, _ => new()).TryAdd(subscription, 0);
        lock (startLock)
        {
            listening ??= Task.Run(() => ListenAsync(stopping.Token));
        }
        return subscription;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => Dispatch(notification.Channel, notification.Payload);
                var listened = new HashSet<string>();
                retry = FirstRetry;
                while (!stoppingToken.IsCancellationRequested)
                {
                    foreach (var channel in channels.Keys.Where(channel => !listened.Contains(channel)).ToList())
                    {
                        await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                        listened.Add(channel);
                    }
                    await connection.WaitAsync(ChannelCheck, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(exception, "Listening for notifications failed; subscribers poll until it reconnects in {Delay}", retry);
                await Task.Delay(retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        if (!channels.TryGetValue(channel, out var subscriptions))
        {
            return;
        }
        foreach (var subscription in subscriptions.Keys)
        {
            try
            {
                subscription.OnNotification(payload);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                logger.LogError(exception, "A subscriber to {Channel} failed on a notification", channel);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (listening is not null)
        {
            await listening;
        }
        stopping.Dispose();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ChannelName();

    private sealed class Subscription(NotificationHub hub, string channel, Action<string> onNotification) : IDisposable
    {
        public Action<string> OnNotification { get; } = onNotification;

        public void Dispose()
        {
            if (hub.channels.TryGetValue(channel, out var subscriptions))
            {
                subscriptions.TryRemove(this, out _);
            }
        }
    }
}
