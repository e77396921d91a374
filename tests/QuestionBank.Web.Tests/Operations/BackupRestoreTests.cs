using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Tests.Operations;

/// <summary>The backup and restore commands, run as an operator runs them, on a site with a learner's history in it.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed partial class BackupRestoreTests : IAsyncLifetime
{
    // Not CreateTempSubdirectory: its mode 0700 keeps out the postgres account that runs a restored cluster under root.
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"qb-backup-{Guid.NewGuid():N}");
    private string source = null!;

    private string BackupFile => Path.Combine(folder, "site.backup");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        source = await TestCluster.SeededDatabaseAsync();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ABackupRestoredIntoAnEmptyDataFolderServesTheSameSiteAndKeepsItsSignIns()
    {
        // One browser: its cookies (the learner's sign-in) go from the site to the restored one.
        var cookies = new System.Net.CookieContainer();
        string slug;
        Guid run;
        IReadOnlyList<string> before;
        await using (var site = new QuestionBankApp(source))
        {
            var learner = site.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
            var email = LearnerSession.NewEmail();
            Assert.Equal(HttpStatusCode.Created, (await learner.PostWithTokenAsync("/api/account/signup", new { email, password = LearnerSession.Password })).StatusCode);
            (slug, run) = await FillAsync(site, learner, email);
            before = await ReadSiteAsync(learner, slug, run);
        }

        AssertSucceeded(await WebCommandLine.RunAsync(WebCommandLine.On(source), "backup", BackupFile), "[24/24]", "Backed up");

        var data = Path.Combine(folder, "data");
        AssertSucceeded(
            await WebCommandLine.RunAsync(new Dictionary<string, string?> { ["QuestionBank__DataDirectory"] = data }, "restore", BackupFile),
            "Restoring", "public.runs", "Restored");
        await using var restored = new QuestionBankApp("", new Dictionary<string, string?>
        {
            ["QuestionBank:DataDirectory"] = data,
            ["QuestionBank:Runs:RunWorker"] = "false",
            ["QuestionBank:Backups:Enabled"] = "false",
        });
        var sameBrowser = restored.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

        var after = await ReadSiteAsync(sameBrowser, slug, run);
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First, pair.Second));
    }

    [Fact]
    public async Task RestoreRefusesADatabaseThatIsNotEmptyUnlessToldToReplaceIt()
    {
        AssertSucceeded(await WebCommandLine.RunAsync(WebCommandLine.On(source), "backup", BackupFile));
        var other = await TestCluster.SeededDatabaseAsync();
        await TestCluster.ExecuteAsync(other, "DELETE FROM questions WHERE id IN (SELECT id FROM questions LIMIT 1)");

        var refused = await WebCommandLine.RunAsync(WebCommandLine.On(other), "restore", BackupFile);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("is not empty", refused.Output);
        Assert.Contains("--replace", refused.Output);
        Assert.NotEqual(await TestCluster.CountAsync(source, "SELECT count(*) FROM questions"), await TestCluster.CountAsync(other, "SELECT count(*) FROM questions"));

        AssertSucceeded(await WebCommandLine.RunAsync(WebCommandLine.On(other), "restore", BackupFile, "--replace"), "replacing what it held");
        Assert.Equal(await TestCluster.CountAsync(source, "SELECT count(*) FROM questions"), await TestCluster.CountAsync(other, "SELECT count(*) FROM questions"));
        // The sandbox workers' role keeps its grants (migration SandboxWorkerRole).
        Assert.Equal(1, await TestCluster.CountAsync(other, "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = 'questionbank_worker' AND table_name = 'runs' AND privilege_type = 'UPDATE'"));
    }

    [Fact]
    public async Task RestoreRefusesABackupOfANewerSchemaAndChangesNothing()
    {
        await TestCluster.ExecuteAsync(source, "INSERT INTO \"__EFMigrationsHistory\" (migration_id, product_version) VALUES ('29990101000000_FromTheFuture', '99.0.0')");
        AssertSucceeded(await WebCommandLine.RunAsync(WebCommandLine.On(source), "backup", BackupFile));
        var empty = await TestCluster.EmptyDatabaseAsync();

        var refused = await WebCommandLine.RunAsync(WebCommandLine.On(empty), "restore", BackupFile);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("has a schema newer than this version of QuestionBank knows (migration 29990101000000_FromTheFuture)", refused.Output);
        Assert.Equal(0, await TestCluster.CountAsync(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    /// <summary>A figure imported with its question, and a learner's review, bookmark, note and judged run of it; the question's slug and the run.</summary>
    private static async Task<(string Slug, Guid Run)> FillAsync(QuestionBankApp site, HttpClient learner, string email)
    {
        await site.ImportAsync(
            new ImportFile("backup-figure.md", TestImages.Utf8("# 《备份》\n\n## 1. 什么是备份斑马？\n\n**答案：** 见图 ![备份图](img/backup.png)\n")),
            new ImportFile("img/backup.png", TestImages.Png));
        var (slug, account) = await site.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            return (await db.Questions.Where(q => q.Title == "什么是备份斑马？").Select(q => q.Slug).SingleAsync(),
                await db.Accounts.Where(a => a.NormalizedEmail == email.ToUpperInvariant()).Select(a => a.Id).SingleAsync());
        });
        Assert.Equal(HttpStatusCode.OK, (await learner.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{slug}")).StatusCode);
        Assert.True((await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { markdown = "备份之前写的笔记" })).IsSuccessStatusCode);

        var run = Guid.NewGuid();
        await site.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            db.Runs.Add(new ExerciseRun
            {
                Id = run,
                QuestionSlug = slug,
                Exercise = "cnn",
                Source = "// the learner's solution",
                Device = "cpu",
                Epochs = 1,
                LearningRate = 0.001,
                BatchSize = 64,
                Seed = 1,
                Status = "succeeded",
                Metrics = new Dictionary<string, double> { ["test_accuracy"] = 0.98 },
                GoalsMet = true,
                AccountId = account,
                // Counted as a review already: the site credits an uncounted one in the background, between two reads.
                ReviewCreditedAt = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
                FinishedAt = DateTimeOffset.UtcNow,
                Events = [new RunEvent { Kind = RunEvent.ProgressKind, Step = 1, Metrics = new Dictionary<string, double> { ["loss"] = 0.5 } }],
                Images = [new RunImage { Name = "samples.png", Png = TestImages.Png }],
            });
            return await db.SaveChangesAsync();
        });
        return (slug, run);
    }

    /// <summary>What the learner sees: the question page and its figure, their progress, bookmarks, note and card, the run's page and image.</summary>
    private static async Task<IReadOnlyList<string>> ReadSiteAsync(HttpClient browser, string slug, Guid run)
    {
        var question = await browser.GetStringAsync($"/api/questions/{slug}");
        var figure = FigureAddress().Match(question);
        Assert.True(figure.Success, question);
        List<string> seen = [question, Convert.ToBase64String(await browser.GetByteArrayAsync(figure.Value))];
        foreach (var path in new[]
        {
            $"/questions/{slug}", "/api/me/progress", "/api/me/bookmarks", $"/api/me/notes/{slug}", $"/api/reviews/{slug}",
            "/api/me/runs", $"/api/runs/{run}", $"/runs/{run}", "/me",
        })
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            seen.Add(path + "\n" + PerResponse().Replace(await response.Content.ReadAsStringAsync(), string.Empty));
        }

        seen.Add(Convert.ToBase64String(await browser.GetByteArrayAsync($"/api/runs/{run}/images/samples.png")));
        Assert.Contains("备份之前写的笔记", seen[5]);
        return seen;
    }

    private static void AssertSucceeded((int ExitCode, string Output) result, params string[] said)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var text in said)
        {
            Assert.Contains(text, result.Output);
        }
    }

    [GeneratedRegex(@"/images/[0-9a-f]{64}\.png")]
    private static partial Regex FigureAddress();

    /// <summary>What differs between two responses of one page: antiforgery tokens and script nonces.</summary>
    [GeneratedRegex(@"CfDJ8[\w-]+|nonce=""[^""]*""")]
    private static partial Regex PerResponse();
}
