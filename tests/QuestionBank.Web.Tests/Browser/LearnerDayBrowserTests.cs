using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>
/// A learner's day in headless Chromium, on a desktop (1366×900) and a phone (390×844), signed out and
/// in: every page passes axe (WCAG 2 A/AA) and none scrolls sideways; the UI speaks the browser's
/// language; review works like Anki's; a folded answer gives nothing away; the editor behaves.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed partial class LearnerDayBrowserTests(LearnersBrowserApp app) : IClassFixture<LearnersBrowserApp>
{
    private const string ConceptSlug = "000-d93d5146cb591d21-1-7";

    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1366, 900), ("phone", 390, 844)];

    [Fact]
    public async Task EveryPageHasNoAxeViolationsAndNothingScrollsSidewaysOnDesktopAndPhoneSignedOutAndIn()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var coding = await ExerciseQuestions.SlugAsync(client, "cnn");
        string[] everyone = ["/", "/questions", "/questions?kind=coding", $"/questions/{ConceptSlug}", $"/questions/{coding}",
            "/search?q=" + Uri.EscapeDataString("过拟合"), "/search?q=tensorflow.keras.models", "/exercises", "/account/login", "/account/signup", "/no-such-page"];
        string[] learners = ["/review", "/me", "/me/bookmarks", "/me/notes", "/me/runs", "/me/settings", "/account", $"/questions/{ConceptSlug}", $"/questions/{coding}"];
        string[] admins = ["/admin", "/admin/import"];
        var problems = new List<string>();

        await using (var visitor = await app.OpenAsync())
        {
            problems.AddRange(await CheckAsync(visitor, everyone, "signed out"));
        }

        await using (var learner = await app.OpenAsync())
        {
            await SignUpAsync(learner);
            problems.AddRange(await CheckAsync(learner, learners, "learner"));
        }

        await using (var admin = await app.OpenAsync())
        {
            await admin.SignInAsAdminAsync();
            problems.AddRange(await CheckAsync(admin, admins, "admin"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AChineseBrowserSeesChineseOnlyAnEnglishOneEnglishOnlyAndTheHeaderSwitchIsRemembered()
    {
        await using var chinese = await app.OpenAsync("zh-CN");
        await chinese.Page.GotoAsync("/account/login");
        Assert.Equal("zh-CN", await chinese.Page.Locator("html").GetAttributeAsync("lang"));
        var chineseText = await UiTextAsync(chinese.Page);
        Assert.Contains("登录", chineseText);
        Assert.DoesNotMatch(LatinWord(), chineseText);

        await using var english = await app.OpenAsync("en-US");
        await english.Page.GotoAsync("/account/login");
        Assert.Equal("en", await english.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.DoesNotMatch(HanCharacter(), await UiTextAsync(english.Page));

        // The switch names the other language and posts the choice (a form: no script needed); it outlives the page.
        await english.Page.Locator("button.language").ClickAsync();
        await english.Page.WaitForURLAsync("**/account/login");
        Assert.Equal("zh-CN", await english.Page.Locator("html").GetAttributeAsync("lang"));
        await english.Page.GotoAsync("/exercises");
        Assert.Equal("zh-CN", await english.Page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(english.Page.Locator("h1")).ToHaveTextAsync("练习");
        Assert.Empty(english.CspViolations);
    }

    [Fact]
    public async Task ReviewShowsGradesWithIntervalsOnlyAfterTheAnswerAndUndoRestoresTheLastCard()
    {
        foreach (var (screen, width, height) in Screens)
        {
            await using var browser = await app.OpenAsync();
            var page = browser.Page;
            await page.SetViewportSizeAsync(width, height);
            await SignUpAsync(browser);
            await page.GotoAsync("/review");
            var grades = page.Locator(".review-ratings button[data-rating]");
            var first = await page.Locator(".review h1").InnerTextAsync();

            // Before the answer: no grades to see, and the reveal control has the focus.
            Assert.False(await grades.First.IsVisibleAsync());
            Assert.True(await page.Locator("details.review-answer > summary").EvaluateAsync<bool>("s => s === document.activeElement"));
            await Assertions.Expect(page.Locator("[data-role=new-count]")).ToHaveTextAsync("20");
            await Assertions.Expect(page.Locator("[data-role=learning-count]")).ToHaveTextAsync("0");
            await Assertions.Expect(page.Locator("[data-role=due-count]")).ToHaveTextAsync("0");

            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(grades).ToHaveCountAsync(4);
            Assert.True(await grades.First.IsVisibleAsync());
            Assert.Equal(["1 min", "10 min"], [await grades.Nth(0).Locator("[data-role=interval]").InnerTextAsync(), await grades.Nth(2).Locator("[data-role=interval]").InnerTextAsync()]);
            Assert.Matches(@"^\d+ d$", await grades.Nth(3).Locator("[data-role=interval]").InnerTextAsync());
            var colours = await grades.EvaluateAllAsync<string[]>("buttons => buttons.map(b => getComputedStyle(b).backgroundColor)");
            Assert.Equal(4, colours.Distinct().Count());
            await page.SetViewportSizeAsync(width, height);
            await browser.ScreenshotAsync($"review-{screen}");

            // Again: the next card comes, with the focus on its reveal control; the first is in learning.
            await page.Keyboard.PressAsync("1");
            await Assertions.Expect(page.Locator(".review h1")).Not.ToHaveTextAsync(first);
            Assert.True(await page.Locator("details.review-answer > summary").EvaluateAsync<bool>("s => s === document.activeElement"));
            await Assertions.Expect(page.Locator("[data-role=new-count]")).ToHaveTextAsync("19");

            // Z takes it back: the first card again, new again.
            await page.Keyboard.PressAsync("z");
            await Assertions.Expect(page.Locator(".review h1")).ToHaveTextAsync(first);
            await Assertions.Expect(page.Locator("[data-role=new-count]")).ToHaveTextAsync("20");
            await Assertions.Expect(page.Locator("[data-action=undo]")).ToHaveCountAsync(0);

            // And the button does the same.
            await page.Keyboard.PressAsync("Space");
            await page.Keyboard.PressAsync("3");
            await Assertions.Expect(page.Locator(".review h1")).Not.ToHaveTextAsync(first);
            await page.Locator("[data-action=undo]").ClickAsync();
            await Assertions.Expect(page.Locator(".review h1")).ToHaveTextAsync(first);
            Assert.Empty(browser.CspViolations);
        }
    }

    [Fact]
    public async Task WhileTheAnswerIsFoldedNothingOnTheQuestionPageGivesItAway()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await SignUpAsync(browser);

        // A concept page: no chip names what only the answer says, until the answer unfolds.
        await page.GotoAsync($"/questions/{ConceptSlug}");
        var answerTerms = page.Locator("details.self-test .terms .chip");
        Assert.True(await answerTerms.CountAsync() >= 5);
        var outside = await page.Locator("main").EvaluateAsync<string>(
            "main => [...main.querySelectorAll('*')].filter(e => !e.closest('details.self-test') && e.checkVisibility() && e.children.length === 0).map(e => e.textContent).join(' ')");
        foreach (var term in await answerTerms.AllTextContentsAsync())
        {
            Assert.False(await answerTerms.Filter(new() { HasText = term }).First.IsVisibleAsync());
            Assert.DoesNotContain(term.Trim().Split(' ')[0], outside);
        }
        await page.Locator("details.self-test > summary").ClickAsync();
        Assert.True(await answerTerms.First.IsVisibleAsync());

        // A coding page: the original Python is part of the answer, even with its tab open.
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        await page.GotoAsync($"/questions/{await ExerciseQuestions.SlugAsync(client, "cnn")}");
        await page.Locator(".cm-content").WaitForAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Original Python" }).ClickAsync();
        Assert.Equal(0, await page.Locator("#pane-python pre").Filter(new() { Visible = true }).CountAsync());
        await Assertions.Expect(page.Locator("#pane-python [data-folded-note]")).ToBeVisibleAsync();
        await page.Locator("details.self-test > summary").ClickAsync();
        await Assertions.Expect(page.Locator("#pane-python pre").First).ToBeVisibleAsync();
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task TheEditorIsWideTabIndentsEscapeThenTabLeavesAndShowSolutionCanBeTakenBack()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await page.SetViewportSizeAsync(1366, 900);
        await browser.OpenExerciseAsync("cnn");
        var editor = page.Locator(".cm-content");
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-label", "C# source");
        var (editorWidth, mainWidth) = (await page.Locator(".editor").BoundingBoxAsync(), await page.Locator("main").BoundingBoxAsync());
        Assert.True(editorWidth!.Width > mainWidth!.Width * 0.9, $"The editor is {editorWidth.Width} px of {mainWidth.Width}.");
        await browser.ScreenshotAsync("coding-question-desktop");

        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await editor.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"), "Tab stays in the editor.");
        Assert.StartsWith("    ", (await editor.Locator(".cm-line").First.InnerTextAsync()).Replace('\u00a0', ' '));
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Tab");
        Assert.False(await editor.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"), "Escape, then Tab, leaves the editor.");

        // The editor draws only the lines in view; its whole text is what it keeps in localStorage.
        Task<string> SourceAsync() => page.EvaluateAsync<string>("() => localStorage.getItem('qb.source.cnn')");
        var mine = await SourceAsync();
        Assert.StartsWith("    ", mine);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show solution", Exact = true }).ClickAsync();
        Assert.NotEqual(mine, await SourceAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to my code" }).ClickAsync();
        Assert.Equal(mine, await SourceAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Back to my code" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Full screen" })).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(390, 844);
        await browser.ScreenshotAsync("coding-question-phone");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task TheEditorsFontSizeCanBeChosenAndEveryExerciseKeepsIt()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("cnn");
        var fontSize = page.GetByLabel("Font size");
        Task<string> EditorFontSizeAsync() => page.Locator(".cm-content").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.Equal("13px", await EditorFontSizeAsync());

        await fontSize.SelectOptionAsync("18");
        Assert.Equal("18px", await EditorFontSizeAsync());

        // Another exercise, another visit: the same size.
        await browser.OpenExerciseAsync("lstm");
        await Assertions.Expect(fontSize).ToHaveValueAsync("18");
        Assert.Equal("18px", await EditorFontSizeAsync());
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task OnAPhoneSearchFoldsItsFiltersBelowTheQueryAndMeOpensTheHeatmapAtToday()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("过拟合"));
        var toggle = page.Locator(".facets-toggle");
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#facets")).ToBeHiddenAsync();
        var (query, firstResult) = (await page.Locator(".search-page-form").BoundingBoxAsync(), await page.Locator(".search-results li").First.BoundingBoxAsync());
        Assert.True(firstResult!.Y - (query!.Y + query.Height) < 200, "The first result is right below the query.");
        await browser.ScreenshotAsync("search-phone");
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("#facets")).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");

        await page.SetViewportSizeAsync(1366, 900);
        await Assertions.Expect(page.Locator("#facets")).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToBeHiddenAsync();
        await browser.ScreenshotAsync("search-desktop");

        await page.SetViewportSizeAsync(390, 844);
        await SignUpAsync(browser);
        await page.GotoAsync("/me");
        var today = page.Locator("svg[data-role=heatmap] rect").Last;
        Assert.True(await today.IsVisibleAsync());
        var (box, heatmap) = (await today.BoundingBoxAsync(), await page.Locator("figure.heatmap").BoundingBoxAsync());
        Assert.InRange(box!.X, heatmap!.X, heatmap.X + heatmap.Width);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task TheReviewScreenACodingQuestionAndSearchSpeakTheLanguageTheLearnerSwitchesToOnDesktopAndPhone()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var coding = await ExerciseQuestions.SlugAsync(client, "cnn");
        await using var browser = await app.OpenAsync("en-US");
        var page = browser.Page;
        await SignUpAsync(browser);
        foreach (var language in new[] { "en", "zh-CN" })
        {
            if (language != "en")
            {
                // The learner chooses Chinese with the header's switch (a form post), which their settings keep.
                await page.Locator("button.language").ClickAsync();
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            }
            foreach (var (screen, width, height) in Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync("/review");
                await page.Keyboard.PressAsync("Space");
                await Assertions.Expect(page.Locator(".review-ratings button[data-rating]").First).ToBeVisibleAsync();
                await AssertSpeaksAsync(page, language);
                await browser.ScreenshotAsync($"review-{screen}-{language}");

                await page.GotoAsync($"/questions/{coding}");
                await page.Locator(".cm-content").WaitForAsync();
                await AssertSpeaksAsync(page, language);
                await browser.ScreenshotAsync($"coding-question-{screen}-{language}");

                await page.GotoAsync("/search?q=" + Uri.EscapeDataString("过拟合"));
                await Assertions.Expect(page.Locator(".search-results li").First).ToBeVisibleAsync();
                await AssertSpeaksAsync(page, language);
                await browser.ScreenshotAsync($"search-{screen}-{language}");
            }
        }
        Assert.Empty(browser.CspViolations);
    }

    // The page is in the language, and its header's words (all the UI's own) are in it alone.
    private static async Task AssertSpeaksAsync(IPage page, string language)
    {
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        var header = await page.Locator(".site-header nav").EvaluateAsync<string>(
            "nav => { const copy = nav.cloneNode(true); copy.querySelectorAll('.language-switch').forEach(e => e.remove()); return copy.innerText.replaceAll('QuestionBank', ''); }");
        Assert.DoesNotMatch(language == "en" ? HanCharacter() : LatinWord(), header);
    }

    // Each page on each screen: axe's WCAG 2 A/AA violations, and any sideways scroll.
    private static async Task<List<string>> CheckAsync(BrowserSession browser, string[] paths, string who)
    {
        var problems = new List<string>();
        await Axe.AddToAsync(browser.Page);
        foreach (var (screen, width, height) in Screens)
        {
            await browser.Page.SetViewportSizeAsync(width, height);
            foreach (var path in paths)
            {
                await browser.Page.GotoAsync(path);
                await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var where = $"{path} ({screen}, {who})";
                problems.AddRange((await Axe.ViolationsAsync(browser.Page)).Select(violation => $"{where}: {violation}"));
                var overflow = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0)
                {
                    problems.Add($"{where}: scrolls sideways by {overflow} px");
                }
                if (screen == "desktop")
                {
                    var header = await browser.Page.Locator(".site-header .nav").BoundingBoxAsync();
                    if (header!.Height > 70)
                    {
                        problems.Add($"{where}: the header wraps ({header.Height} px high)");
                    }
                }
            }
        }
        problems.AddRange(browser.CspViolations.Select(violation => $"{who}: CSP {violation}"));
        return problems;
    }

    private static async Task SignUpAsync(BrowserSession browser)
    {
        var page = browser.Page;
        await page.GotoAsync("/account/signup");
        // By the fields' names and the form's one button: the words depend on the page's language.
        await page.Locator("input[name=Email]").FillAsync(LearnerSession.NewEmail());
        await page.Locator("input[name=Password]").FillAsync(LearnerSession.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/review");
    }

    // The words of the UI: the body's visible text without the other language's name in the switch.
    private static Task<string> UiTextAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const body = document.body.cloneNode(true); body.querySelectorAll('script, .language-switch').forEach(e => e.remove()); return body.innerText.replaceAll('QuestionBank', ''); }");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
