using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using QuestionBank.Data;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Worker;

/// <summary>Real workers against a real PostgreSQL, running real jobs.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class SandboxWorkerTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly string LstmSolution = ExerciseCatalog.Find("lstm")!.Solution;
    private readonly string database = $"sandbox_{Guid.NewGuid():N}";
    private readonly List<IHost> workers = [];
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        await postgres.Cluster.EnsureDatabaseAsync(database);
        connectionString = postgres.Cluster.ConnectionString(database);
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }
    }

    [Fact]
    public async Task TwoWorkersShareQueuedRunsAndExecuteEachRunExactlyOnce()
    {
        await StartWorkerAsync();
        await StartWorkerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await EnqueueAsync(LstmSolution, epochs: 3));
        }

        var runs = await WaitForEndAsync(ids, TimeSpan.FromMinutes(3));

        Assert.All(runs, run =>
        {
            AssertJudged(run);
            Assert.Equal(1, run.Attempts);
            Assert.Equal(1, run.Events.Count(e => e.Status == "running"));
            Assert.Equal(3, run.Events.Count(e => e.Kind == RunEvent.ProgressKind));
            Assert.Equal(run.Status, run.Events.OrderBy(e => e.Id).Last().Status);
        });
        Assert.Equal(2, runs.Select(run => run.WorkerId).Distinct().Count());
    }

    [Fact]
    public async Task CompileErrorsAreStoredWithTheirLines()
    {
        await StartWorkerAsync();
        var id = await EnqueueAsync("public class Solution\n{\n    public void Run(ExerciseContext ctx) { int x = \"text\"; }\n}\n");

        var run = Assert.Single(await WaitForEndAsync([id], TimeSpan.FromMinutes(1)));

        Assert.Equal("compile_error", run.Status);
        Assert.Contains(run.CompileErrors, error => error is { Line: 3, Code: "CS0029" });
    }

    [Fact]
    public async Task AHostileRunStoresAtMostFourMegabytesInAll()
    {
        await StartWorkerAsync();
        var id = await EnqueueAsync(HostileSource.Load("footprint-flood").Source);

        // Up to the wall-clock cap (4 × 180 s) on a busy host.
        var run = Assert.Single(await WaitForEndAsync([id], TimeSpan.FromMinutes(13)));

        // Uncompressed sizes (the text form of each row; the images' bytes), so that compression cannot flatter the figure.
        await using var db = NewContext();
        var stored = await db.Database.SqlQuery<long>($"""
            SELECT (SELECT octet_length(r::text) FROM runs r WHERE r.id = {id})
                + (SELECT coalesce(sum(octet_length(e::text)), 0) FROM run_events e WHERE e.run_id = {id})
                + (SELECT coalesce(sum(octet_length(i.png) + octet_length(i.name) + 64), 0) FROM run_images i WHERE i.run_id = {id}) AS "Value"
            """).SingleAsync();
        Assert.Equal("failed", run.Status);
        Assert.True(run.Events.Count(e => e.Kind == RunEvent.ProgressKind) > 100, "the progress is downsampled, not cut off");
        Assert.Contains(run.Events, e => e.Kind == RunEvent.ProgressKind && e.Step > 15_000);
        Assert.InRange(stored, 5 * 1024 * 1024 / 2, RunFootprint.MaxBytes);
    }

    [Fact]
    public async Task CancellingARunningRunStopsIt()
    {
        await StartWorkerAsync();
        var id = await EnqueueAsync(ExerciseCatalog.Find("cnn")!.Solution, exercise: "cnn", epochs: 10);
        await WaitUntilAsync(async db => await db.RunEvents.AnyAsync(e => e.RunId == id && e.Kind == RunEvent.ProgressKind), TimeSpan.FromMinutes(1));

        await using (var db = NewContext())
        {
            Assert.True(await new RunQueue(db).RequestCancelAsync(id, CancellationToken.None));
        }
        // Ended within 30 s of the request (the wait's limit), before its last epoch; its wall time also
        // counts the compile and the first epoch, which a busy machine stretches.
        var run = Assert.Single(await WaitForEndAsync([id], TimeSpan.FromSeconds(30)));

        Assert.Equal("cancelled", run.Status);
        Assert.InRange(run.Events.Count(e => e.Kind == RunEvent.ProgressKind), 1, 9);
    }

    [Fact]
    public async Task ARunWhoseWorkerDiedIsQueuedAgainOnceThenFailed()
    {
        var firstAttempt = await InsertAbandonedRunAsync(attempts: 1);
        var secondAttempt = await InsertAbandonedRunAsync(attempts: 2);
        await StartWorkerAsync();

        var runs = (await WaitForEndAsync([firstAttempt, secondAttempt], TimeSpan.FromMinutes(1))).ToDictionary(run => run.Id);

        AssertJudged(runs[firstAttempt]);
        Assert.Equal(2, runs[firstAttempt].Attempts);
        Assert.Equal("failed", runs[secondAttempt].Status);
        Assert.Contains("stopped responding", runs[secondAttempt].Message);
    }

    [Fact]
    public async Task CudaRunsWaitForAWorkerThatOffersCuda()
    {
        await StartWorkerAsync();
        var cuda = await EnqueueAsync(LstmSolution, epochs: 2, device: "cuda");
        var cpu = await EnqueueAsync(LstmSolution, epochs: 2);

        await WaitForEndAsync([cpu], TimeSpan.FromMinutes(1));

        await using var db = NewContext();
        Assert.Equal("queued", (await db.Runs.SingleAsync(run => run.Id == cuda)).Status);
    }

    /// <summary>
    /// The run trained to the end and the judge measured it. A budget of a few epochs meets lstm's goal on
    /// some of its per-run series only, so these plumbing tests do not ask for the goal.
    /// </summary>
    private static void AssertJudged(ExerciseRun run)
    {
        Assert.Contains(run.Status, new[] { "succeeded", "failed" });
        Assert.True(run.Metrics.ContainsKey("mse_ratio"), $"{run.Status}: {run.Message}");
    }

    private async Task StartWorkerAsync()
    {
        var worker = TestSandbox.CreateHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:QuestionBank"] = connectionString,
            [$"{SandboxOptions.SectionName}:ConcurrentRuns"] = "1",
            [$"{SandboxOptions.SectionName}:PollSeconds"] = "0.5",
        }, builder =>
        {
            builder.AddSandboxDatabase();
            builder.AddSandboxWorker();
        });
        await worker.StartAsync();
        workers.Add(worker);
    }

    private async Task<Guid> EnqueueAsync(string source, string exercise = "lstm", int epochs = 3, string device = "cpu")
    {
        await using var db = NewContext();
        var defaults = ExerciseCatalog.Find(exercise)!.Defaults;
        return await new RunQueue(db).EnqueueAsync(new NewRun(
            null, exercise, source, device, epochs, defaults.LearningRate, defaults.BatchSize, 1, "tests"), CancellationToken.None);
    }

    private async Task<Guid> InsertAbandonedRunAsync(int attempts)
    {
        await using var db = NewContext();
        var run = new ExerciseRun
        {
            Exercise = "lstm",
            Source = LstmSolution,
            Device = "cpu",
            Epochs = 2,
            LearningRate = 0.005,
            BatchSize = 64,
            Seed = 1,
            Status = "running",
            WorkerId = "a worker that died",
            Attempts = attempts,
            LeaseExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task<List<ExerciseRun>> WaitForEndAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        string[] final = ["succeeded", "failed", "compile_error", "timeout", "memory_limit", "cancelled", "server_busy"];
        await WaitUntilAsync(async db => await db.Runs.CountAsync(run => ids.Contains(run.Id) && final.Contains(run.Status)) == ids.Count, timeout);
        await using var context = NewContext();
        return await context.Runs.Include(run => run.Events).Where(run => ids.Contains(run.Id)).ToListAsync();
    }

    private async Task WaitUntilAsync(Func<QuestionBankDbContext, Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = NewContext())
            {
                if (await condition(db))
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {timeout}.");
            await Task.Delay(200);
        }
    }

    private QuestionBankDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<QuestionBankDbContext>();
        options.UseQuestionBankDatabase(connectionString);
        return new QuestionBankDbContext(options.Options);
    }
}
