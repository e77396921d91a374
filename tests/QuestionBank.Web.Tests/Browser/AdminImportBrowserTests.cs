using System.Text;
using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Browser;

[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class AdminImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string NewDocument = """
        # 《浏览器导入测试》

        ## 1. 什么是斑马独角兽正则化？

        **答案：** 一种只存在于测试里的正则化方法。

        ## 2. 斑马独角兽正则化有什么缺点？

        **答案：** 它不存在。
        """;

    private const string Chapter = """
        # 《浏览器图像测试》

        ## 1. 什么是青鸾感受野？

        **答案：** 见下图。

        ![青鸾感受野示意图](img/ch5/5-1.png)

        ## 2. 什么是青鸾空洞卷积？

        **答案：** ![缺了的青鸾图](img/ch5/5-2.png)
        """;

    [Fact]
    public async Task AZipOfAChapterWithItsImagesImportsThroughTheAdminPageAndItsFigureShowsOnTheQuestionPage()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.SignInAsAdminAsync("/admin/import");

        var preview = await browser.PreviewImportAsync("chapter5.zip", "application/zip",
            TestImages.Zip(("ch5/ch5.md", Encoding.UTF8.GetBytes(Chapter)), ("ch5/img/ch5/5-1.png", TestImages.Png)));
        await Assertions.Expect(preview).ToContainTextAsync("img/ch5/5-2.png");
        await Assertions.Expect(preview).ToContainTextAsync("line 11");
        await browser.CommitImportAsync();

        await browser.OpenQuestionAsync("青鸾感受野示意图", "什么是青鸾感受野？");
        var figure = page.Locator(".markdown img[alt='青鸾感受野示意图']");
        await Assertions.Expect(figure).ToHaveAttributeAsync("loading", "lazy");
        await figure.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => document.querySelector(\".markdown img\")?.complete");
        Assert.True(await figure.EvaluateAsync<int>("img => img.naturalWidth") > 0);

        await page.GetByRole(AriaRole.Link, new() { Name = "什么是青鸾空洞卷积？" }).First.ClickAsync();
        await browser.ShowAnswerAsync();
        await Assertions.Expect(page.Locator(".markdown .missing-image")).ToHaveTextAsync("缺了的青鸾图");
        await Assertions.Expect(page.Locator(".markdown .missing-image")).ToBeVisibleAsync();
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task ADocumentImportedThroughTheAdminPageAttachesAnExerciseToOneOfItsQuestions()
    {
        const string declaring = """
            # 《浏览器练习声明》

            ## 1. 实现一个麒麟图像生成器

            ```exercise gan
            麒麟 samples are drawn by the GAN exercise.
            ```

            **答案：** 见练习。
            """;
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.SignInAsAdminAsync("/admin/import");

        var preview = await browser.PreviewImportAsync("browser-exercise.md", "text/markdown", Encoding.UTF8.GetBytes(declaring));
        var row = preview.Locator("tr.question-exercise");
        await Assertions.Expect(row.Locator(".exercise")).ToHaveTextAsync("gan");
        await Assertions.Expect(row.Locator(".source")).ToHaveTextAsync("declared in the document");
        await browser.CommitImportAsync();

        await page.GotoAsync("/questions?document=browser-exercise");
        await page.GetByRole(AriaRole.Link, new() { Name = "实现一个麒麟图像生成器" }).ClickAsync();
        await Assertions.Expect(page.Locator("section#exercise")).ToHaveAttributeAsync("data-exercise", "gan");
        await Assertions.Expect(page.GetByText("麒麟 samples are drawn")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnAdminSignsInPreviewsCommitsFindsAndRollsBackANewDocument()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.SignInAsAdminAsync("/admin/import");

        var preview = await browser.PreviewImportAsync("browser-import.md", "text/markdown", Encoding.UTF8.GetBytes(NewDocument));
        await Assertions.Expect(preview).ToContainTextAsync("nothing has been written yet");
        await Assertions.Expect(preview.Locator(".document-result .added")).ToHaveTextAsync("2");
        await browser.ScreenshotAsync("admin-import-preview");

        await browser.CommitImportAsync();

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("斑马独角兽"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("什么是斑马独角兽正则化？");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("斑马独角兽正则化有什么缺点？");

        await page.GotoAsync("/admin");
        var row = page.Locator("tr[data-import-id]", new() { HasText = "browser-import.md" });
        await browser.ScreenshotAsync("admin-imports");
        // Rollback asks first: Cancel keeps the import, OK rolls it back.
        var rollBack = row.GetByRole(AriaRole.Button, new() { Name = "Roll back" });
        var questions = new List<string>();
        var accept = false;
        page.Dialog += (_, dialog) =>
        {
            questions.Add(dialog.Message);
            _ = accept ? dialog.AcceptAsync() : dialog.DismissAsync();
        };
        await rollBack.ClickAsync();
        await Assertions.Expect(row).Not.ToContainTextAsync("Rolled back by");
        Assert.Contains("Roll back import", Assert.Single(questions));
        accept = true;
        await rollBack.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rolled back");
        await Assertions.Expect(row).ToContainTextAsync("Rolled back by " + QuestionBankApp.AdminEmail);

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("斑马独角兽"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No question matches");
        Assert.Empty(browser.CspViolations);
    }
}
