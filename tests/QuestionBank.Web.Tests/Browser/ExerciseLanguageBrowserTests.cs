using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QuestionBank.Data;
using QuestionBank.Data.Entities;

namespace QuestionBank.Web.Tests.Browser;

/// <summary>The exercise panel's language switch (C# TorchSharp | Python PyTorch) in real headless Chromium; nothing here needs a run to end.</summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ExerciseLanguageBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task EachLanguageKeepsItsOwnDraftAcrossSwitchesAndTheChoiceIsRememberedAfterAReload()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("cnn");
        var language = page.Locator("[data-role=editor-language]");
        var editor = page.Locator(".cm-content");
        var firstLine = page.Locator(".cm-content .cm-line").First;
        await Assertions.Expect(language).ToBeVisibleAsync();
        await Assertions.Expect(language).ToHaveValueAsync("csharp");
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-label", "C# source");

        await WriteFirstLineAsync(page, "// my C# draft");
        await language.SelectOptionAsync("python");
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-label", "Python source");
        await Assertions.Expect(page.Locator("[data-role=source-tab]")).ToHaveTextAsync("Python (PyTorch)");
        await Assertions.Expect(firstLine).ToHaveTextAsync("# Classify MNIST digits with a convolutional network.");
        await WriteFirstLineAsync(page, "# my Python draft");
        await language.SelectOptionAsync("csharp");
        await Assertions.Expect(firstLine).ToHaveTextAsync("// my C# draft");
        await language.SelectOptionAsync("python");
        await Assertions.Expect(firstLine).ToHaveTextAsync("# my Python draft");
        await browser.ScreenshotAsync("exercise-python-draft");

        await page.ReloadAsync();
        await editor.WaitForAsync();
        await Assertions.Expect(language).ToHaveValueAsync("python");
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-label", "Python source");
        await Assertions.Expect(firstLine).ToHaveTextAsync("# my Python draft");
        await language.SelectOptionAsync("csharp");
        await Assertions.Expect(firstLine).ToHaveTextAsync("// my C# draft");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task ShowSolutionAndBackToMyCodeWorkOnTheChosenLanguagesCode()
    {
        await using var browser = await app.OpenAsync();
        var page = browser.Page;
        await browser.OpenExerciseAsync("cnn");
        var editor = page.Locator(".cm-content");
        await page.Locator("[data-role=editor-language]").SelectOptionAsync("python");
        await WriteFirstLineAsync(page, "# my Python draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show solution", Exact = true }).ClickAsync();
        await Assertions.Expect(editor).ToContainTextAsync("# Reference solution: a small convolutional network trained with Adam.");
        await page.Locator("[data-role=editor-language]").SelectOptionAsync("csharp");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Back to my code", Exact = true })).ToBeHiddenAsync();
        await Assertions.Expect(editor).ToContainTextAsync("public class Solution");
        await page.Locator("[data-role=editor-language]").SelectOptionAsync("python");
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to my code", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".cm-content .cm-line").First).ToHaveTextAsync("# my Python draft");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task WhilePythonIsChosenTheDeviceIsTheCpuThePanelSaysWhyAndTheRunPostsPythonOnTheCpu()
    {
        // A CUDA worker that said it was alive just now, so the panel offers cuda.
        var cudaWorker = new SandboxWorkerRecord { Id = "cuda-" + Guid.NewGuid(), Devices = ["cuda"], Slots = 1, StartedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow.AddMinutes(5) };
        await WithDatabaseAsync(db => db.SandboxWorkers.Add(cudaWorker));
        try
        {
            await using var browser = await app.OpenAsync();
            var page = browser.Page;
            await browser.OpenExerciseAsync("cnn");
            var device = page.GetByLabel("Device");
            var note = page.Locator("[data-role=device-note]");
            await device.SelectOptionAsync("cuda");
            await Assertions.Expect(note).ToBeHiddenAsync();

            await page.Locator("[data-role=editor-language]").SelectOptionAsync("python");

            await Assertions.Expect(device).ToHaveValueAsync("cpu");
            Assert.True(await device.Locator("option[value=cuda]").EvaluateAsync<bool>("option => option.disabled"));
            await Assertions.Expect(note).ToHaveTextAsync("Python runs on the CPU only.");
            await browser.ScreenshotAsync("exercise-python-cpu-only");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-role=status]")).ToContainTextAsync("Queued");
            var runId = await page.Locator("[data-exercise]").GetAttributeAsync("data-run-id");
            using var client = new HttpClient { BaseAddress = browser.BaseAddress };
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            Assert.Equal("python", run.GetProperty("language").GetString());
            Assert.Equal("cpu", run.GetProperty("device").GetString());

            await page.Locator("[data-role=editor-language]").SelectOptionAsync("csharp");
            await Assertions.Expect(device).ToHaveValueAsync("cuda");
            await Assertions.Expect(note).ToBeHiddenAsync();
            Assert.Empty(browser.CspViolations);
        }
        finally
        {
            await WithDatabaseAsync(db => db.SandboxWorkers.Remove(cudaWorker));
        }
    }

    private static async Task WriteFirstLineAsync(IPage page, string line)
    {
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.InsertTextAsync(line + "\n");
    }

    private Task WithDatabaseAsync(Action<QuestionBankDbContext> change) => app.App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<QuestionBankDbContext>();
        change(db);
        return await db.SaveChangesAsync();
    });
}
