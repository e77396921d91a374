using Microsoft.Playwright;
using QuestionBank.Web.Tests.Infrastructure;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>A learner in headless Chromium, on a phone-sized screen: sign up, then review with the keyboard alone.</summary>
public sealed class ReviewBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ALearnerSignsUpAndReviewsFiveCardsWithTheKeyboard()
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

        Assert.Empty(browser.CspViolations);
    }
}
