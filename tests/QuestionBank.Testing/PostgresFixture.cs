using Microsoft.Extensions.Logging.Abstractions;
using QuestionBank.Data.Embedded;
using Xunit;

namespace QuestionBank.Testing;

/// <summary>One throwaway PostgreSQL cluster for the test run; each app gets its own database in it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"qb-tests-{Guid.NewGuid():N}");
    private EmbeddedPostgres? cluster;

    public EmbeddedPostgres Cluster => cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() =>
        cluster = await EmbeddedPostgres.StartAsync(directory, NullLogger.Instance, durable: false);

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }
}
