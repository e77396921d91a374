using System.Collections.Concurrent;
using Microsoft.Playwright;
using QuestionBank.Web.Tests.Runs;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>Pages in real headless Chromium under the site's Content-Security-Policy: hostile text stays text, the site's own scripts work.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ARunPageWithAHostileSourceOpensNoDialogAndItsOwnScriptsRaiseNoPolicyViolation()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        var dialogs = browser.WatchDialogs();
        using var client = new HttpClient { BaseAddress = browser.BaseAddress };
        var submitted = await client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", source = RunPageTests.HostileSource });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await page.GotoAsync($"/runs/{id}");
        // exercise.js ran: it set up the chart, and the page streams the run's events.
        await page.WaitForFunctionAsync("() => document.querySelector('canvas[data-role=chart]')?.dataset.points === '0'");
        await Assertions.Expect(page.Locator("pre.code")).ToContainTextAsync("<script>alert(1)</script>\n<img src=x onerror=alert(1)>");
        await page.Locator("pre.code").ClickAsync();
        await page.WaitForTimeoutAsync(1000);
        await browser.ScreenshotAsync("run-page-hostile-source");

        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("a[href^='javascript:' i], pre.code script, pre.code img").CountAsync());
        Assert.Empty(browser.CspViolations);

        // The watch works: a style element without the nonce is refused and reported.
        await page.EvaluateAsync("() => document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }))");
        await AssertEventuallyAsync(() => Assert.Contains(browser.CspViolations, v => v.StartsWith("style-src-elem blocked inline", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheExerciseEditorGetsItsStylesUnderThePolicyWithoutAViolation()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;

        await browser.OpenExerciseAsync("lstm");
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync("// typed under the policy\n");

        // CodeMirror's theme (a style element with the response's nonce) applies: its base theme makes the editor a flex column.
        Assert.Equal("flex", await page.Locator(".cm-editor").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Contains("typed under the policy", await page.Locator(".cm-content").InnerTextAsync());
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task DeletingAQuestionAsksFirstAndCancellingKeepsIt()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        using var client = new HttpClient { BaseAddress = browser.BaseAddress };
        var slug = await ExerciseQuestions.SlugAsync(client, "cnn");
        await browser.SignInAsAdminAsync();
        await page.GotoAsync($"/questions/{slug}");
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete" });

        var asked = new ConcurrentQueue<string>();
        void Dismiss(object? sender, IDialog dialog)
        {
            asked.Enqueue(dialog.Message);
            _ = dialog.DismissAsync();
        }
        page.Dialog += Dismiss;
        await delete.ClickAsync();
        await page.WaitForTimeoutAsync(500);
        page.Dialog -= Dismiss;

        Assert.Equal(["Delete this question until its document is imported again?"], asked);
        Assert.EndsWith($"/questions/{slug}", page.Url, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/questions/{slug}")).StatusCode);

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await delete.ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{slug} was deleted.");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/questions/{slug}")).StatusCode);
        Assert.Empty(browser.CspViolations);
    }

    private static async Task AssertEventuallyAsync(Action assertion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
