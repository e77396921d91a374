using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>Formulas in an imported document, drawn by KaTeX in real Chromium under the site's policy.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class FormulaBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Document = """
        # 《公式导入测试》

        ## 1. 斑马函数的导数是什么？

        **答案：** 斑马函数 $\sigma(x)$ 定义为

        $$
        \sigma(x) = \frac{1}{1 + e^{-x}}
        $$

        它的导数是 $\sigma(x)(1 - \sigma(x))$。

        $$
        \href{javascript:alert(1)}{\text{点我}} \htmlClass{x}{y} </div><script>alert(2)</script>
        $$
        """;

    [Fact]
    public async Task AnImportedDocumentsFormulasRenderAsMathAndAHostileFormulaStaysInert()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        var dialogs = browser.WatchDialogs();
        await browser.SignInAsAdminAsync();
        await browser.ImportAsync("formulas.md", Document);

        await browser.OpenQuestionAsync("斑马函数的导数", "斑马函数的导数是什么？");
        var display = page.Locator(".katex-display").First;
        await display.WaitForAsync();
        await browser.ScreenshotAsync("question-formulas");

        // KaTeX drew the display formula as MathML (for the accessibility tree) and laid-out HTML, from the TeX source.
        Assert.Equal(@"\sigma(x) = \frac{1}{1 + e^{-x}}", (await display.Locator("annotation[encoding='application/x-tex']").TextContentAsync())?.Trim());
        Assert.Equal(1, await display.Locator("math mfrac").CountAsync());
        Assert.True((await display.Locator(".katex-html").BoundingBoxAsync())!.Height > 20);
        Assert.Equal(2, await page.Locator("span.math .katex").CountAsync());

        // \href and \htmlClass are refused with trust off, and the markup is formula text, not elements.
        Assert.Equal(0, await page.Locator("main a[href^='javascript:' i], main script, .math .x").CountAsync());
        Assert.Empty(dialogs);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task ATitlesFormulaIsDrawnInTheHeadingAndInTheSearchSuggestions()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.SignInAsAdminAsync();
        await browser.ImportAsync("title-formulas.md", "# 《标题公式》\n\n## 1. 用 $\\sqrt{n}$ 校准条纹方差\n\n**答案：** 除以 $\\sqrt{n}$。\n");

        await browser.OpenQuestionAsync("校准条纹方差", "校准条纹方差");
        await page.Locator("h1 .math .katex").WaitForAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search" }).PressSequentiallyAsync("校准条纹");
        var suggestion = page.Locator("#search-suggestions [role=option]").Filter(new() { HasText = "校准条纹方差" });

        await suggestion.Locator(".math .katex").WaitForAsync();
        Assert.Equal(@"\sqrt{n}", (await suggestion.Locator("annotation[encoding='application/x-tex']").TextContentAsync())?.Trim());
        Assert.Empty(browser.CspViolations);
    }
}
