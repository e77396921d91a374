using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using QuestionBank.Data.Notifications;

namespace QuestionBank.Web.Tests.Database;

public sealed class NotificationHubTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OneConnectionCarriesEveryChannelAndReconnectsAfterItIsKilled()
    {
        var connectionString = await TestCluster.EmptyDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var hub = new NotificationHub(dataSource, NullLogger<NotificationHub>.Instance);
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var runs = hub.Subscribe("runs_queued", payload => received.Enqueue("runs:" + payload));
        using var search = hub.Subscribe("search_changed", payload => received.Enqueue("search:" + payload));
        using var alsoRuns = hub.Subscribe("runs_queued", payload => received.Enqueue("also:" + payload));

        await NotifyUntilReceivedAsync(dataSource, received, "runs_queued", "1", "runs:1");
        await NotifyUntilReceivedAsync(dataSource, received, "search_changed", "2", "search:2");
        Assert.Contains("also:1", received);
        Assert.Equal(1, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'"));

        await ScalarAsync<bool>(dataSource, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        await NotifyUntilReceivedAsync(dataSource, received, "runs_queued", "3", "runs:3");
    }

    /// <summary>Sends the notification until it arrives: the hub LISTENs a moment after a subscription or a reconnect.</summary>
    private static async Task NotifyUntilReceivedAsync(
        NpgsqlDataSource dataSource, System.Collections.Concurrent.ConcurrentQueue<string> received, string channel, string payload, string expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!received.Contains(expected))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{expected} never arrived; received {string.Join(", ", received)}");
            await ScalarAsync<object>(dataSource, $"SELECT pg_notify('{channel}', '{payload}')");
            await Task.Delay(250);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
