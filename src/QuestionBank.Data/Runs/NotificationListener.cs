using Microsoft.Extensions.Logging;
using Npgsql;

namespace QuestionBank.Data.Runs;

/// <summary>LISTENs on a PostgreSQL channel for as long as it is asked to, reconnecting after failures.</summary>
public static class NotificationListener
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Calls <paramref name="onNotification"/> with each payload sent on <paramref name="channel"/> until cancelled.</summary>
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource, string channel, Action<string> onNotification, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => onNotification(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
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
                logger.LogWarning(exception, "Listening on {Channel} failed; readers poll until it reconnects", channel);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
