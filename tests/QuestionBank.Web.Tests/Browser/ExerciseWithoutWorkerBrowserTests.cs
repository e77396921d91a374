using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>An exercise's Run in real headless Chromium when no sandbox worker is online; apart from <see cref="ExerciseBrowserTests"/>, whose app has a worker.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ExerciseWithoutWorkerBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task WithNoWorkerOnlineThePageSaysTheRunIsQueued()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("lstm");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        var status = page.Locator("[data-role=status]");
        await Assertions.Expect(status).ToContainTextAsync("No sandbox worker is online", new() { Timeout = 15_000 });
        Assert.Contains("position 1", await status.InnerTextAsync());
        await browser.ScreenshotAsync("exercise-no-worker");
        Assert.Empty(browser.CspViolations);
    }
}
