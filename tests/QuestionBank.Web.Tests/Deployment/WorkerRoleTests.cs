using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuestionBank.Data;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Tests.Deployment;

/// <summary>The sandbox workers' database role, as a migrated bank has it, on the real PostgreSQL.</summary>
public sealed class WorkerRoleTests
{
    [Fact]
    public async Task TheWorkerRoleRunsTheQueueButCannotReadAccountsImportHistoryOrQuestions()
    {
        var owner = await TestCluster.SeededDatabaseAsync();
        // What the deployments' init script does with the secret; the test cluster trusts local connections anyway.
        await TestCluster.ExecuteAsync(owner, $"ALTER ROLE {RunQueue.WorkerRole} LOGIN PASSWORD '{Guid.NewGuid():N}'");
        var runId = await UseQueueAsync(owner, queue => queue.EnqueueAsync(
            new NewRun(null, "cnn", "source", "cpu", 1, 0.01, 32, 1, "client"), CancellationToken.None));
        var worker = new NpgsqlConnectionStringBuilder(owner) { Username = RunQueue.WorkerRole }.ConnectionString;

        var completed = await UseQueueAsync(worker, async queue =>
        {
            await queue.ReportWorkerAsync("worker/1", ["cpu"], 1, 0, CancellationToken.None);
            await queue.RecoverLapsedLeasesAsync(2, CancellationToken.None);
            var run = await queue.ClaimAsync("worker/1", ["cpu"], TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(runId, run?.Id);
            Assert.False(await queue.RenewLeaseAsync(runId, "worker/1", TimeSpan.FromSeconds(30), CancellationToken.None));
            await queue.AppendProgressAsync(runId, 1, new Dictionary<string, double> { ["loss"] = 1 }, CancellationToken.None);
            var stored = await queue.CompleteAsync(runId, "worker/1", new RunCompletion(RunStatus.Succeeded,
                new Dictionary<string, double> { ["test_accuracy"] = 0.9 }, true, null, [], "", 1, [("samples", [1, 2, 3])]), CancellationToken.None);
            await queue.RemoveWorkerAsync("worker/1", CancellationToken.None);
            return stored;
        });

        Assert.True(completed);
        foreach (var table in new[] { "accounts", "imports", "import_documents", "questions", "data_protection_keys" })
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => TestCluster.ExecuteAsync(worker, $"SELECT * FROM {table} LIMIT 1"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }
    }

    private static async Task<T> UseQueueAsync<T>(string connectionString, Func<RunQueue, Task<T>> use)
    {
        var options = new DbContextOptionsBuilder<QuestionBankDbContext>();
        options.UseQuestionBankDatabase(connectionString);
        await using var db = new QuestionBankDbContext(options.Options);
        return await use(new RunQueue(db));
    }
}
