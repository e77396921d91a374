using System.Text;
using Microsoft.Playwright;
using QuestionBank.Core.Search;

namespace QuestionBank.Web.Tests.Browser;

[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class SearchBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheHeaderBoxSuggestionsFollowTheArrowKeysEnterOpensTheHighlightedOneAndEscapeCloses()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search" });
        var list = page.Locator("#search-suggestions");
        var options = list.GetByRole(AriaRole.Option);

        await box.PressSequentiallyAsync("过拟");
        await Assertions.Expect(list).ToBeVisibleAsync();
        Assert.True(await options.CountAsync() >= 2);
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");

        await box.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", "search-suggestion-0");
        await box.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");
        await box.PressAsync("ArrowUp");
        await Assertions.Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        // Up from the first suggestion is the box itself again.
        await box.PressAsync("ArrowUp");
        await Assertions.Expect(box).Not.ToHaveAttributeAsync("aria-activedescendant", new System.Text.RegularExpressions.Regex(".+"));

        await box.PressAsync("Escape");
        await Assertions.Expect(list).ToBeHiddenAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(box).ToHaveValueAsync("过拟");

        // Typing again reopens the list; Enter opens the highlighted suggestion, not the search page.
        await box.PressSequentiallyAsync("合");
        await Assertions.Expect(list).ToBeVisibleAsync();
        var last = options.Last;
        var target = await last.GetAttributeAsync("data-href");
        var count = await options.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await box.PressAsync("ArrowDown");
        }

        await Assertions.Expect(last).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await page.WaitForURLAsync(new Uri(browser.BaseAddress, target).ToString());
    }

    [Fact]
    public async Task AGlossaryWithScriptAndMarkupInItsTermsShowsThemAsTextInChipsAndCorrections()
    {
        const string script = "<script>window.pwned=1</script>";
        const string image = "\"><img src=x onerror=window.pwned=2>";
        var glossary = File.ReadAllText(Path.Combine(QuestionBankApp.RepoRoot, "content", GlossaryParser.FileName)).TrimEnd()
            + $"\n| 斑马攻击{script} | zebrattack{image} | javascript:window.pwned=3 |\n";
        var document = $"# 《恶意术语》\n\n## 1. 什么是斑马攻击？\n\n**答案：** 斑马攻击{script} 又叫 zebrattack{image}，也写作 javascript:window.pwned=3。\n";
        using (var admin = await app.CreateClient().SignInAsync())
        {
            var response = await admin.PostImportAsync(false, (GlossaryParser.FileName, Encoding.UTF8.GetBytes(glossary)), ("hostile-terms.md", Encoding.UTF8.GetBytes(document)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("斑马攻击"));
        await page.Locator("main a", new() { HasText = "什么是斑马攻击" }).First.ClickAsync();
        var chips = page.Locator(".terms a.chip", new() { HasText = "斑马攻击" });
        await Assertions.Expect(chips.First).ToContainTextAsync(script);
        await Assertions.Expect(chips.First).ToContainTextAsync(image);
        Assert.StartsWith("/search?q=", await chips.First.GetAttributeAsync("href"));
        await AssertInertAsync(page);

        // The visitor's own markup beside a typo: "Showing results for …" shows the corrected text as text.
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString($"过拟和 {script} {image} javascript:window.pwned=4"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Showing results for");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("\"><img src=x");
        await AssertInertAsync(page);
        Assert.Equal(0, dialogs);
    }

    private static async Task AssertInertAsync(IPage page)
    {
        Assert.Equal(0, await page.Locator("main script, main img, a[href^='javascript']").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.pwned"));
    }
}
