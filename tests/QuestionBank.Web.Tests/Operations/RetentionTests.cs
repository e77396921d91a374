using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Tests.Operations;

/// <summary>Old runs lose their progress events and images; what their pages and the learners' progress show stays.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan Age = TimeSpan.FromDays(90);
    private string database = null!;
    private QuestionBankApp app = null!;

    public async Task InitializeAsync()
    {
        database = await TestCluster.SeededDatabaseAsync();
        // The retention service stays off: the test applies retention itself, after writing its runs.
        app = new QuestionBankApp(database, new Dictionary<string, string?> { ["QuestionBank:Retention:RunDetailsDays"] = "0" });
        (await app.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static ExerciseRun Run(long? account, double? accuracy, int daysAgo) => new()
    {
        Exercise = "cnn",
        Source = $"// finished {daysAgo} days ago",
        Device = "cpu",
        Status = accuracy is null ? RunStatus.Failed : RunStatus.Succeeded,
        Metrics = accuracy is { } value ? new Dictionary<string, double> { ["test_accuracy"] = value } : [],
        AccountId = account,
        CreatedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
        FinishedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
        Events =
        [
            new RunEvent { Kind = RunEvent.ProgressKind, Step = 1, Metrics = new Dictionary<string, double> { ["loss"] = 1 } },
            new RunEvent { Kind = RunEvent.ProgressKind, Step = 2, Metrics = new Dictionary<string, double> { ["loss"] = 0.5 } },
            new RunEvent { Kind = RunEvent.StatusKind, Status = RunStatus.Succeeded },
        ],
        Images = [new RunImage { Name = "samples.png", Png = TestImages.Png }],
    };

    [Fact]
    public async Task RetentionTakesOldRunsProgressAndImagesAsItsDryRunSaidAndKeepsTheirResultsAndTheBestRuns()
    {
        var email = LearnerSession.NewEmail();
        await app.SignUpLearnerAsync(email);
        var runs = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            var account = await db.Accounts.Where(a => a.NormalizedEmail == email.ToUpperInvariant()).Select(a => a.Id).SingleAsync();
            ExerciseRun[] runs = [Run(null, null, 120), Run(account, 0.5, 100), Run(account, 0.99, 100), Run(account, 0.6, 10)];
            db.Runs.AddRange(runs);
            await db.SaveChangesAsync();
            return runs.Select(run => run.Id).ToArray();
        });
        var (anonymous, learnersOld, learnersBest, recent) = (runs[0], runs[1], runs[2], runs[3]);

        var dryRun = await WebCommandLine.RunAsync(WebCommandLine.On(database), "prune", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Contains("Dry run: would delete 4 progress events and 2 images", dryRun.Output);
        Assert.Contains("of 2 runs finished before", dryRun.Output);
        Assert.Contains("1 best runs keep theirs", dryRun.Output);
        Assert.Equal(4, (await DetailsAsync(anonymous, learnersOld)).ProgressEvents);

        var plan = await app.WithScopeAsync(sp => sp.GetRequiredService<RunRetention>().ApplyAsync(Age, CancellationToken.None));

        Assert.Equal(new[] { anonymous, learnersOld }.Order(), plan.Runs.Order());
        Assert.Equal((0, 2, 0), await DetailsAsync(anonymous, learnersOld));
        Assert.Equal((4, 2, 2), await DetailsAsync(learnersBest, recent));
        // What the run pages and "my runs" show stays.
        await app.WithScopeAsync(async sp =>
        {
            var run = await sp.GetRequiredService<QuestionBankDbContext>().Runs.SingleAsync(r => r.Id == learnersOld);
            Assert.Equal((RunStatus.Succeeded, 0.5, "// finished 100 days ago"), (run.Status, run.Metrics["test_accuracy"], run.Source));
            return 0;
        });
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<RunRetention>().PlanAsync(Age, CancellationToken.None))).Runs);
    }

    /// <summary>The progress events, status events and images <paramref name="runs"/> hold.</summary>
    private Task<(int ProgressEvents, int StatusEvents, int Images)> DetailsAsync(params Guid[] runs) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<QuestionBankDbContext>();
        return (await db.RunEvents.CountAsync(e => runs.Contains(e.RunId) && e.Kind == RunEvent.ProgressKind),
            await db.RunEvents.CountAsync(e => runs.Contains(e.RunId) && e.Kind == RunEvent.StatusKind),
            await db.Set<RunImage>().CountAsync(i => runs.Contains(i.RunId)));
    });
}
