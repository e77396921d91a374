using System.Text;
using Microsoft.Playwright;
using QuestionBank.Web.Tests.Infrastructure;

namespace QuestionBank.Web.Tests.Browser;

public sealed class AdminImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string NewDocument = """
        # 《浏览器导入测试》

        ## 1. 什么是斑马独角兽正则化？

        **答案：** 一种只存在于测试里的正则化方法。

        ## 2. 斑马独角兽正则化有什么缺点？

        **答案：** 它不存在。
        """;

    [Fact]
    public async Task AnAdminSignsInPreviewsCommitsFindsAndRollsBackANewDocument()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync("/admin/import");
        Assert.Contains("/admin/login", page.Url);
        await page.GetByLabel("Email").FillAsync(QuestionBankApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(QuestionBankApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/import");

        await page.Locator("#uploads").SetInputFilesAsync(new FilePayload
        {
            Name = "browser-import.md",
            MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes(NewDocument),
        });
        await page.Locator("#preview").ClickAsync();
        var preview = page.Locator("#import-result");
        await Assertions.Expect(preview).ToContainTextAsync("nothing has been written yet");
        await Assertions.Expect(preview.Locator(".document-result .added")).ToHaveTextAsync("2");
        await browser.ScreenshotAsync("admin-import-preview");

        await page.Locator("#commit").ClickAsync();
        await Assertions.Expect(page.Locator("#import-result h2")).ToContainTextAsync("Imported");

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("斑马独角兽"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("什么是斑马独角兽正则化？");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("斑马独角兽正则化有什么缺点？");

        await page.GotoAsync("/admin");
        var row = page.Locator("tr[data-import-id]", new() { HasText = "browser-import.md" });
        await browser.ScreenshotAsync("admin-imports");
        await row.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rolled back");
        await Assertions.Expect(row).ToContainTextAsync("Rolled back by " + QuestionBankApp.AdminEmail);

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("斑马独角兽"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No question matches");
        Assert.Empty(browser.CspViolations);
    }
}
