using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuestionBank.Data;

namespace QuestionBank.Web.Tests.Database;

/// <summary>One data source and one DbContext registration per process, whoever registers the worker.</summary>
public sealed class DatabaseRegistrationTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public void TheAppRegistersOneDataSourceAndOneDbContext()
    {
        Assert.Single(App.Services.GetServices<NpgsqlDataSource>());
        // Every AddDbContext or AddDbContextPool call adds one of these, and all of them would apply.
        Assert.Single(App.Services.GetServices<IDbContextOptionsConfiguration<QuestionBankDbContext>>());
    }

    [Fact]
    public async Task EfCoreUsesTheSharedDataSource()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuestionBankDbContext>();

        // The provider's options extension is the only place that names the data source EF Core was given.
#pragma warning disable EF1001
        var dataSource = db.GetService<IDbContextOptions>().FindExtension<Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal.NpgsqlOptionsExtension>()?.DataSource;
#pragma warning restore EF1001

        Assert.Same(App.Services.GetRequiredService<NpgsqlDataSource>(), dataSource);
        Assert.True(await db.Database.CanConnectAsync());
    }
}

/// <summary>Without a configured server the app runs a cluster of its own, started before the app is built.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class EmbeddedDatabaseTests : IDisposable
{
    // Not CreateTempSubdirectory: its mode 0700 keeps out the postgres account that runs the cluster under root.
    private readonly DirectoryInfo data = new(Path.Combine(Path.GetTempPath(), $"qb-embedded-{Guid.NewGuid():N}"));

    public void Dispose() => data.Delete(recursive: true);

    [Fact]
    public async Task WithoutAConnectionStringTheAppStartsItsOwnDurableClusterAsConfigurationBacksItUpAndStopsItOnExit()
    {
        var app = new QuestionBankApp("", new Dictionary<string, string?>
        {
            ["QuestionBank:DataDirectory"] = data.FullName,
            // The embedded default also hosts a worker; this test is about the database only.
            ["QuestionBank:Runs:RunWorker"] = "false",
        });
        await using (app)
        {
            (await app.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();

            var configured = app.Services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName);
            Assert.Equal(new NpgsqlConnectionStringBuilder(configured).Port,
                new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Port);
            Assert.True(File.Exists(Path.Combine(data.FullName, "postgres", "postmaster.pid")));

            // The app's cluster survives a crash: unlike the tests' throwaway cluster, it syncs what it commits.
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            Assert.Equal("on", await dataSource.CreateCommand("SHOW fsync").ExecuteScalarAsync());
            Assert.Equal("on", await dataSource.CreateCommand("SHOW synchronous_commit").ExecuteScalarAsync());

            // Its first start backs it up into the data folder (daily, by default).
            var backups = Path.Combine(data.FullName, "backups");
            for (var waited = 0; waited < 120 && !(Directory.Exists(backups) && Directory.GetFiles(backups, "questionbank-*.backup").Length > 0); waited++)
            {
                await Task.Delay(TimeSpan.FromSeconds(0.5));
            }

            Assert.Single(Directory.GetFiles(backups, "questionbank-*.backup"));
            Assert.Empty(Directory.GetFiles(backups, "*.partial"));
        }

        Assert.False(File.Exists(Path.Combine(data.FullName, "postgres", "postmaster.pid")));
    }
}

/// <summary>Where the embedded default keeps its data when no folder is configured.</summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly DirectoryInfo contentRoot = Directory.CreateTempSubdirectory("qb-content-root-");

    public void Dispose() => contentRoot.Delete(recursive: true);

    [Fact]
    public void TheDataFolderIsThePlatformsOutsideTheSourceTreeOrVarLibForRootUnlessAnOlderVersionsDotDataIsThereOrOneIsConfigured()
    {
        var options = new QuestionBank.Web.Database.QuestionBankOptions();
        var platform = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "questionbank", "data");
        // Root's home is closed to the postgres user its cluster runs as, unless a cluster is already there.
        Assert.Equal(
            Environment.IsPrivilegedProcess && !File.Exists(Path.Combine(platform, "postgres", "PG_VERSION")) ? "/var/lib/questionbank" : platform,
            options.DataPath(contentRoot.FullName));

        var older = contentRoot.CreateSubdirectory(".data");
        Assert.Equal(older.FullName, options.DataPath(contentRoot.FullName));

        options.DataDirectory = "elsewhere";
        Assert.Equal(Path.Combine(contentRoot.FullName, "elsewhere"), options.DataPath(contentRoot.FullName));
    }
}
