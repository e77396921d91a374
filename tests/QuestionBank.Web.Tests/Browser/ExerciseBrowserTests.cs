using System.Globalization;
using Microsoft.Playwright;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>A newcomer runs exercises from question pages in real headless Chromium, against the app's own worker.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
[Collection(TrainingCollection.Name)]
public sealed class ExerciseBrowserTests(BrowserAppWithWorker app) : IClassFixture<BrowserAppWithWorker>
{
    private static readonly LocatorWaitForOptions TrainingTimeout = new() { Timeout = 900_000 };

    // The two references that train in seconds run their full budget here; that every reference meets its
    // goal at its defaults is the reference lane's check (ReferenceSolutionTests), not the page's.
    [Theory]
    [InlineData("lstm", "mse_ratio")]
    [InlineData("transfer", "test_accuracy")]
    public async Task RunningTheSolutionShowsLiveProgressAndAFinalMetricThatMeetsTheGoal(string exercise, string metric)
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync(exercise);

        await page.GetByRole(AriaRole.Button, new() { Name = "Show solution", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('canvas[data-role=chart]')?.dataset.points) > 0",
            null, new() { Timeout = 900_000 });
        await browser.ScreenshotAsync($"exercise-{exercise}-running");
        var verdict = page.Locator("[data-role=result] .verdict");
        await verdict.WaitForAsync(TrainingTimeout);

        Assert.Equal("Goal met ✓", await verdict.InnerTextAsync());
        var value = double.Parse(await page.Locator($"[data-role=result] tr[data-metric={metric}] td").First.InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(ExerciseCatalog.Find(exercise)!.Goals.First(g => g.Metric == metric).IsMetBy(new Dictionary<string, double> { [metric] = value }));
        await browser.ScreenshotAsync($"exercise-{exercise}-finished");

        await page.Locator("[data-role=run-link]").ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        Assert.Contains("Goal met", await page.Locator(".run-page").InnerTextAsync());
        await page.Locator($"tr[data-metric={metric}]").WaitForAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('canvas[data-role=chart]')?.dataset.points) > 0");
        await browser.ScreenshotAsync($"run-page-{exercise}");
        Assert.Empty(browser.CspViolations);
    }

    /// <summary>
    /// The exercises that train for a minute at their defaults, on a budget of a few seconds: the page
    /// draws their progress, shows the judge's verdict with the goal's metric and any images, and
    /// links the run's page, whether or not so short a run meets the goal.
    /// </summary>
    [Theory]
    [InlineData("cnn", "1", "test_accuracy", false)]
    [InlineData("gan", "1", "confident_fraction", true)]
    [InlineData("dqn", "30", "eval_mean_return", false)]
    public async Task RunningTheSolutionOnASmallBudgetShowsLiveProgressTheJudgesVerdictAndTheRunsPage(string exercise, string epochs, string metric, bool images)
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync(exercise);

        await page.GetByRole(AriaRole.Button, new() { Name = "Show solution", Exact = true }).ClickAsync();
        await page.GetByLabel("Epochs").FillAsync(epochs);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('canvas[data-role=chart]')?.dataset.points) > 0",
            null, new() { Timeout = 900_000 });
        var verdict = page.Locator("[data-role=result] .verdict");
        await verdict.WaitForAsync(TrainingTimeout);

        Assert.Contains(await verdict.InnerTextAsync(), new[] { "Goal met ✓", "Goal not met" });
        double.Parse(await page.Locator($"[data-role=result] tr[data-metric={metric}] td").First.InnerTextAsync(), CultureInfo.InvariantCulture);
        if (images)
        {
            await page.WaitForFunctionAsync("""
                () => { const images = [...document.querySelectorAll('[data-role=result] figure img')];
                        return images.length > 0 && images.every(image => image.complete && image.naturalWidth > 0); }
                """);
        }
        await browser.ScreenshotAsync($"exercise-{exercise}-finished");

        await page.Locator("[data-role=run-link]").ClickAsync();
        await page.WaitForURLAsync("**/runs/*");
        await page.Locator($"tr[data-metric={metric}]").WaitForAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('canvas[data-role=chart]')?.dataset.points) > 0");
        await browser.ScreenshotAsync($"run-page-{exercise}");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task AStartersJudgedMissSaysGoalNotMetNotFailedAndRecentRunsShowItWithoutAReload()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("cnn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true }).ClickAsync();
        await page.GetByLabel("Epochs").FillAsync("1");
        var recentRuns = page.Locator("[data-role=recent-runs] .run-list tbody tr");
        var before = await recentRuns.CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var verdict = page.Locator("[data-role=result] .verdict");
        await verdict.WaitForAsync(TrainingTimeout);

        Assert.Equal("Goal not met", await verdict.InnerTextAsync());
        Assert.Contains("verdict-missed", await verdict.GetAttributeAsync("class"));
        var status = page.Locator("[data-role=status]");
        Assert.Equal("missed", await status.GetAttributeAsync("data-status"));
        Assert.DoesNotContain("Failed", await status.InnerTextAsync());
        // Amber, apart from a failure's red.
        Assert.NotEqual("rgb(185, 28, 28)", await verdict.EvaluateAsync<string>("v => getComputedStyle(v).color"));
        await Assertions.Expect(recentRuns).ToHaveCountAsync(before + 1);
        await Assertions.Expect(recentRuns.First.Locator(".status")).ToHaveTextAsync("Goal not met");
        await Assertions.Expect(recentRuns.First.Locator(".status")).ToHaveClassAsync("status status-missed");
        await browser.ScreenshotAsync("exercise-goal-not-met");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task ASyntaxErrorIsMarkedAtItsLineInTheEditor()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("cnn");

        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("public class Solution\n{\n    public void Run(ExerciseContext ctx)\n    {\n        int x = ;\n    }\n}\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        await page.Locator(".cm-lint-marker-error").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains("line 5", await page.Locator(".compile-errors").InnerTextAsync());
        Assert.Equal("compile_error", await page.Locator("[data-role=status]").GetAttributeAsync("data-status"));
        await browser.ScreenshotAsync("exercise-compile-error");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task APythonSyntaxErrorIsMarkedAtItsLineInThePythonEditor()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("cnn");
        await page.Locator("[data-role=editor-language]").SelectOptionAsync("python");

        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("def run(ctx):\n    pass\n\nx = = 1\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        await page.Locator(".cm-lint-marker-error").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains("line 4", await page.Locator(".compile-errors").InnerTextAsync());
        Assert.Equal("compile_error", await page.Locator("[data-role=status]").GetAttributeAsync("data-status"));
        // The marker is beside the fourth line of the editor, where the error is.
        var markerTop = await page.Locator(".cm-lint-marker-error").EvaluateAsync<double>("m => m.closest('.cm-gutterElement').getBoundingClientRect().top");
        var lineTop = await page.Locator(".cm-content .cm-line").Nth(3).EvaluateAsync<double>("l => l.getBoundingClientRect().top");
        Assert.InRange(markerTop - lineTop, -1, 1);
        await browser.ScreenshotAsync("exercise-python-compile-error");
        Assert.Empty(browser.CspViolations);
    }
}
