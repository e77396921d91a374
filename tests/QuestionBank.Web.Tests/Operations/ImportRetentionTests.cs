using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Importing;
using static QuestionBank.Web.Tests.Infrastructure.TestImages;

namespace QuestionBank.Web.Tests.Operations;

/// <summary>Only the newest imports keep what rolling them back restores; older ones stay in the history.</summary>
public sealed class ImportRetentionTests : AppPerTestBase
{
    private HttpClient Admin { get; set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.SignInAsync();
    }

    private static string Chapter(string answer) => $"""
        # 《留存测试》

        ## 1. 什么是斑马留存？

        **答案：** {answer}

        ![留存图](img/figure.png)
        """;

    /// <summary>Imports the chapter with <paramref name="figure"/> as its figure; the import's id.</summary>
    private async Task<long> ImportAsync(string answer, byte[] figure)
    {
        var zip = Zip(("chapter/retention.md", Utf8(Chapter(answer))), ("chapter/img/figure.png", figure));
        var response = await Admin.PostImportAsync(false, ("chapter.zip", zip));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/imports"))[0].GetProperty("id").GetInt64();
    }

    private Task<string> PageAsync() => App.WithScopeAsync(async sp =>
    {
        var slug = await sp.GetRequiredService<QuestionBankDbContext>().Questions
            .Where(q => q.Title == "什么是斑马留存？").Select(q => q.Slug).SingleAsync();
        return await Client.GetStringAsync($"/questions/{slug}");
    });

    private Task<string[]> StoredImagesAsync() => App.WithScopeAsync(async sp =>
        await sp.GetRequiredService<QuestionBankDbContext>().Images.Select(i => i.Sha256).ToArrayAsync());

    [Fact]
    public async Task ImportsOlderThanTheDepthLoseTheirRollbackAndUnreachableFiguresWhileTheNewestStillRollsBackToItsPreviousVersionAndFigure()
    {
        var first = await ImportAsync("第一版", Gif);
        var second = await ImportAsync("第二版", Jpeg);
        var third = await ImportAsync("第三版", Png);
        var imagesBefore = await StoredImagesAsync();

        var plan = await App.WithScopeAsync(sp => sp.GetRequiredService<ImportRetention>().PlanAsync(1, CancellationToken.None));
        // The seeded bank's own imports are older still.
        Assert.Equal([first, second], plan.Imports.TakeLast(2));
        Assert.DoesNotContain(third, plan.Imports);
        // The first import created the document: only the second stored a previous version.
        Assert.Equal(1, plan.PreviousVersions);
        // The first import's figure link goes; the second's stays, since rolling the third back shows it again.
        Assert.Equal(1, plan.ImageLinks);
        Assert.Equal(imagesBefore.Length, (await StoredImagesAsync()).Length);

        await App.WithScopeAsync(sp => sp.GetRequiredService<ImportRetention>().ApplyAsync(1, CancellationToken.None));

        Assert.Equal(imagesBefore.Length - 1, (await StoredImagesAsync()).Length);
        var history = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/imports");
        Assert.Equal([third, second, first], history.EnumerateArray().Take(3).Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("prunedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, history[1].GetProperty("prunedAt").ValueKind);
        // The history still tells which import created the document and which updated it.
        Assert.False(history[1].GetProperty("files")[0].GetProperty("created").GetBoolean());
        Assert.True(history[2].GetProperty("files")[0].GetProperty("created").GetBoolean());
        Assert.Contains("Older than the history kept for rollback", await Admin.GetStringAsync("/admin"), StringComparison.Ordinal);

        var refused = await Admin.SendWithTokenAsync(HttpMethod.Post, $"/api/admin/imports/{second}/rollback");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("older than the import history kept for rollback", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendWithTokenAsync(HttpMethod.Post, $"/api/admin/imports/{third}/rollback")).StatusCode);
        var page = await PageAsync();
        Assert.Contains("第二版", page, StringComparison.Ordinal);
        var figure = Regex.Match(page, "src=\"(/images/[0-9a-f]{64}\\.jpg)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(figure)).StatusCode);
    }

    [Fact]
    public async Task PruneDryRunSaysWhichImportsWouldLoseTheirRollbackAndChangesNothing()
    {
        await ImportAsync("第一版", Gif);
        await ImportAsync("第二版", Jpeg);
        await ImportAsync("第三版", Png);
        var imports = (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/imports")).GetArrayLength();
        var environment = WebCommandLine.On(App.ConnectionString);
        environment["QuestionBank__Retention__ImportHistoryDepth"] = "1";

        var dryRun = await WebCommandLine.RunAsync(environment, "prune", "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Contains("Dry run: would drop 1 previous document versions", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"of {imports - 1} imports older than the newest 1", dryRun.Output, StringComparison.Ordinal);
        var history = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/imports");
        Assert.All(history.EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("prunedAt").ValueKind));
    }
}
