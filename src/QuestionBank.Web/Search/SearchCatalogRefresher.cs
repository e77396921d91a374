using Npgsql;
using QuestionBank.Data;
using QuestionBank.Data.Notifications;
using QuestionBank.Data.Search;

namespace QuestionBank.Web.Search;

/// <summary>
/// Keeps this replica's <see cref="SearchCatalog"/> loaded: at start-up, on every NOTIFY on
/// <see cref="SearchCatalog.ChangedChannel"/> (sent on commit by any replica's import, rollback,
/// hide or delete) and every <see cref="PollInterval"/> in case one was missed while reconnecting.
/// Each of those marks the catalog changed, so the reload also happens if a search comes first.
/// </summary>
public sealed class SearchCatalogRefresher(
    NotificationHub notifications, IServiceScopeFactory scopes, SearchCatalog catalog, ILogger<SearchCatalogRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim changed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changes = notifications.Subscribe(SearchCatalog.ChangedChannel, _ => Signal());
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RefreshAsync(stoppingToken);
                await changed.WaitAsync(PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Signal()
    {
        // One pending signal is enough: a reload reads everything committed so far.
        if (changed.CurrentCount == 0)
        {
            try
            {
                changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Signalled concurrently.
            }
        }
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            catalog.MarkChanged();
            var started = TimeProvider.System.GetTimestamp();
            var snapshot = await catalog.GetSnapshotAsync(scope.ServiceProvider.GetRequiredService<QuestionBankDbContext>(), stoppingToken);
            logger.LogDebug("Search catalog at version {Version} with {Questions} questions ({Elapsed} ms)",
                snapshot.Version, snapshot.Index.Count, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Refreshing the search catalog failed; searches reload it themselves");
        }
    }
}
