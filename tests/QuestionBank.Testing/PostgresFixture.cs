using Microsoft.Extensions.Logging.Abstractions;
using QuestionBank.Data.Embedded;
using Xunit;

namespace QuestionBank.Testing;

/// <summary>One throwaway PostgreSQL cluster for the test run; each app gets its own database in it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"qb-tests-{Guid.NewGuid():N}");
    private EmbeddedPostgres? _cluster;

    public EmbeddedPostgres Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() =>
        _cluster = await EmbeddedPostgres.StartAsync(_directory, NullLogger.Instance);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
