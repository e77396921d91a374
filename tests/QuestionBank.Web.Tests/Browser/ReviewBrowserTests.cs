using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QuestionBank.Data;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>
/// A learner in headless Chromium, on a phone-sized screen: sign up, review with the keyboard alone,
/// see it on /me, then bookmark a question, write a note on it, find the note again and download an
/// Anki deck that SQLite opens.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ReviewBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ALearnerSignsUpReviewsFiveCardsWithTheKeyboardSeesProgressOnMeBookmarksAndNotesAQuestionAndDownloadsAnAnkiDeck()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/account/signup");
        await page.GetByLabel("Email").FillAsync("keyboard@questionbank.test");
        await page.Locator("input[name=Password]").FillAsync(LearnerSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/review");
        await Assertions.Expect(page.Locator(".review-count")).ToContainTextAsync("20 left");
        var firstQuestion = await page.Locator(".review h1 a").GetAttributeAsync("href");

        // Before: nothing due, and today (the heatmap's last day; the learner's day is UTC by default) has no reviews.
        await page.GotoAsync("/me");
        var today = page.Locator("svg[data-role=heatmap] rect").Last;
        await Assertions.Expect(today).ToHaveAttributeAsync("data-reviews", "0");
        await Assertions.Expect(page.Locator("[data-role=due-today]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-role=due-week]")).ToHaveTextAsync("0");
        await page.GotoAsync("/review");

        // No Again: its one-minute step could bring a card back within the test on a slow machine.
        string[] keys = ["2", "3", "4", "3", "2"];
        for (var i = 0; i < keys.Length; i++)
        {
            var title = await page.Locator(".review h1").InnerTextAsync();
            Assert.False(await page.Locator("details.review-answer").EvaluateAsync<bool>("d => d.open"));
            // The answer is only inside the fold, never above it.
            Assert.Equal(0, await page.Locator(".review > .markdown .part-label").CountAsync());
            Assert.False(await page.Locator("details.review-answer .markdown").IsVisibleAsync());
            await page.Keyboard.PressAsync("Space");
            Assert.True(await page.Locator("details.review-answer").EvaluateAsync<bool>("d => d.open"));
            if (i == 0)
            {
                await browser.ScreenshotAsync("review-phone-answer-shown");
            }

            await page.Keyboard.PressAsync(keys[i]);
            await Assertions.Expect(page.Locator(".review-count")).ToContainTextAsync($"{19 - i} left");
            Assert.NotEqual(title, await page.Locator(".review h1").InnerTextAsync());
        }

        // After: five reviews today, in the heatmap and the streak, and the rated cards fall due (Hard and
        // Good are in learning for minutes, Easy goes days ahead).
        await page.GotoAsync("/me");
        await Assertions.Expect(today).ToHaveAttributeAsync("data-reviews", "5");
        await Assertions.Expect(today).ToHaveClassAsync("heatmap-cell level-1");
        await Assertions.Expect(page.Locator("[data-role=streak]")).ToHaveTextAsync("1 day");
        var due = int.Parse(await page.Locator("[data-role=due-today]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(await page.Locator("[data-role=due-week]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(due, 4, 5);
        await browser.ScreenshotAsync("me-progress-phone");

        // The question page folds the answer for self-test; the learner bookmarks it and writes a note.
        await page.GotoAsync(firstQuestion!);
        var fold = page.Locator("details.self-test");
        Assert.False(await fold.EvaluateAsync<bool>("d => d.open"));
        await page.GetByText("Show answer").ClickAsync();
        Assert.True(await fold.EvaluateAsync<bool>("d => d.open"));
        await page.Locator("[data-role=bookmark]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-role=bookmark]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByLabel("Note (markdown").FillAsync("Remember the **warm-up** <img src=x onerror=alert(1)>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-role=note] strong")).ToHaveTextAsync("warm-up");
        await Assertions.Expect(page.Locator("[data-role=note]")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator("[data-role=note] img").CountAsync());

        await page.GotoAsync("/me/notes");
        await page.GetByLabel("Search my notes").FillAsync("WARM-UP");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-role=notes] .note-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-role=notes] a")).ToHaveAttributeAsync("href", firstQuestion + "#my-note");
        await page.GotoAsync("/me/bookmarks");
        await Assertions.Expect(page.Locator($"[data-role=bookmarks] a[href='{firstQuestion}']")).ToHaveCountAsync(1);

        // The learner downloads the first document's Anki deck from /me; SQLite reads one new card per question.
        await page.GotoAsync("/me");
        var document = page.Locator("#deck-document option").Nth(1);
        var (documentSlug, documentTitle) = (await document.GetAttributeAsync("value"), await document.InnerTextAsync());
        await page.Locator("#deck-document").SelectOptionAsync(documentSlug!);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download deck" }).ClickAsync());
        Assert.Equal($"questionbank-{documentSlug}.apkg", download.SuggestedFilename);
        await using (var package = File.OpenRead((await download.PathAsync())!))
        {
            var cards = await AnkiPackage.ReadAsync(package);
            var questions = await app.App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Questions
                .Where(q => q.Document.Slug == documentSlug && !q.IsHidden).OrderBy(q => q.Position).Select(q => q.Title).ToListAsync());
            Assert.Equal(questions.Count, cards.Count);
            Assert.All(questions.Zip(cards), pair => Assert.StartsWith(WebUtility.HtmlEncode(pair.First), pair.Second.Front, StringComparison.Ordinal));
        }
        Assert.False(string.IsNullOrEmpty(documentTitle));

        Assert.Empty(browser.CspViolations);
    }
}
