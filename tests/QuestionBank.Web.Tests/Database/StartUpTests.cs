namespace QuestionBank.Web.Tests.Database;

/// <summary>What replicas do at start-up on one database: take turns to migrate and seed it, and refuse a schema newer than they know.</summary>
public sealed class StartUpTests
{
    [Fact]
    public async Task TwoAppsStartingTogetherOnAnEmptyDatabaseMigrateAndSeedItOnce()
    {
        var database = await TestCluster.EmptyDatabaseAsync();
        await using var first = new QuestionBankApp(database);
        await using var second = new QuestionBankApp(database);

        await Task.WhenAll(
            Task.Run(() => first.CreateClient().GetAsync("/health/ready")),
            Task.Run(() => second.CreateClient().GetAsync("/health/ready")));

        Assert.Equal(1, await TestCluster.CountAsync(database, "SELECT count(*) FROM imports"));
        Assert.Equal(
            await TestCluster.CountAsync(await TestCluster.SeededDatabaseAsync(), "SELECT count(*) FROM questions"),
            await TestCluster.CountAsync(database, "SELECT count(*) FROM questions"));
        Assert.Equal(1, await TestCluster.CountAsync(database, "SELECT count(*) FROM accounts"));
    }

    [Fact]
    public async Task AnAppOlderThanItsDatabaseRefusesToStartAndSaysWhy()
    {
        var database = await TestCluster.SeededDatabaseAsync();
        await TestCluster.ExecuteAsync(database, "INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ('29990101000000_FromTheFuture', '99.0.0')");
        await using var app = new QuestionBankApp(database);

        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("The database has a schema newer than this version of QuestionBank knows (migration 29990101000000_FromTheFuture)", refused.ToString());
    }
}
