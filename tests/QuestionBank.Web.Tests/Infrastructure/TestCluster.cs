using Npgsql;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run, shared by every collection, holding a
/// template database migrated and seeded from content/ once; test databases are cloned from it,
/// which is far faster than migrating and importing for each app.
/// </summary>
public static class TestCluster
{
    private const string Template = "qb_seeded";

    private static readonly Lazy<Task<PostgresFixture>> Started = new(StartAsync);

    /// <summary>A new database with everything the app's start-up creates (schema, seed questions, first admin); its connection string.</summary>
    public static async Task<string> SeededDatabaseAsync()
    {
        var cluster = (await Started.Value).Cluster;
        var database = $"qb_{Guid.NewGuid():N}";
        await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {database} TEMPLATE {Template}");
        return cluster.ConnectionString(database);
    }

    /// <summary>A new empty database, for what must start from nothing; its connection string.</summary>
    public static async Task<string> EmptyDatabaseAsync()
    {
        var cluster = (await Started.Value).Cluster;
        var database = $"qb_{Guid.NewGuid():N}";
        await cluster.EnsureDatabaseAsync(database);
        return cluster.ConnectionString(database);
    }

    /// <summary>Stops the cluster, if a test started it, and deletes its folder (see <see cref="TestClusterFramework"/>).</summary>
    public static async Task StopAsync()
    {
        if (Started.IsValueCreated)
        {
            await (await Started.Value).DisposeAsync();
        }
    }

    private static async Task<PostgresFixture> StartAsync()
    {
        var postgres = new PostgresFixture();
        await postgres.InitializeAsync();

        await using (var seeding = new QuestionBankApp(postgres.Cluster.ConnectionString(Template)))
        {
            // Start-up migrates the database, creates the first admin and imports content/.
            (await seeding.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }

        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template: close what
        // the seeding app left and let nothing connect again.
        await ExecuteAsync(postgres.Cluster.ConnectionString("postgres"),
            $"ALTER DATABASE {Template} WITH ALLOW_CONNECTIONS false; " +
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Template}'");
        return postgres;
    }

    /// <summary>Runs one statement on its own connection.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one count on its own connection.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return (long)(await dataSource.CreateCommand(sql).ExecuteScalarAsync())!;
    }
}
