using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>One test's page, in a browser context of its own (no cookies or storage from other tests), on a <see cref="BrowserApp"/>.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Reports every Content-Security-Policy violation of every page the session loads. Init scripts
    // come in through the DevTools protocol, so the policy under test does not apply to this one.
    // Chromium's own editing of a contenteditable (the CodeMirror editor) writes style attributes on
    // the lines it touches when text replaces a multi-line selection; no script does that (there is
    // no source file), the policy refuses them, and CodeMirror redraws those lines from its state.
    // Those are reported apart, as "editing".
    private const string EditingPrefix = "editing: ";
    private const string ReportViolations = """
        document.addEventListener("securitypolicyviolation", (e) => {
          const element = e.target instanceof Element ? e.target : null;
          const editing = e.effectiveDirective === "style-src-attr" && !e.sourceFile && !!element?.closest("[contenteditable=true]");
          window.reportCspViolation((editing ? "editing: " : "")
            + `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} on ${e.documentURI}`
            + (element ? ` in ${element.outerHTML.slice(0, 200)}` : ""));
        });
        """;

    private BrowserSession(IPage page, Uri baseAddress)
    {
        Page = page;
        BaseAddress = baseAddress;
    }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    /// <summary>What the Content-Security-Policy blocked on any page the session has loaded so far, except the browser's own editing of the code editor.</summary>
    public ConcurrentQueue<string> CspViolations { get; } = new();

    /// <summary>Style attributes the browser's own contenteditable editing wrote and the policy refused (see <see cref="ReportViolations"/>).</summary>
    public ConcurrentQueue<string> EditingCspViolations { get; } = new();

    /// <summary>Where the screenshots for review go: artifacts/screenshots in the repo.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(QuestionBankApp.RepoRoot, "artifacts", "screenshots");

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress, string? locale = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var session = new BrowserSession(page, baseAddress);
        await page.ExposeFunctionAsync("reportCspViolation", (string violation) =>
        {
            if (violation.StartsWith(EditingPrefix, StringComparison.Ordinal))
            {
                session.EditingCspViolations.Enqueue(violation[EditingPrefix.Length..]);
            }
            else
            {
                session.CspViolations.Enqueue(violation);
            }
        });
        await page.AddInitScriptAsync(ReportViolations);
        return session;
    }

    /// <summary>Dismisses every dialog (alert, confirm, prompt) the page opens from now on, and records it.</summary>
    public ConcurrentQueue<string> WatchDialogs()
    {
        var dialogs = new ConcurrentQueue<string>();
        Page.Dialog += (_, dialog) =>
        {
            dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        return dialogs;
    }

    /// <summary>
    /// Opens <paramref name="adminPage"/>, which sends an anonymous visitor to the login form, signs in there
    /// as the test app's admin and waits to be back on it.
    /// </summary>
    public async Task SignInAsAdminAsync(string adminPage = "/admin")
    {
        await Page.GotoAsync(adminPage);
        Assert.Contains("/admin/login", Page.Url);
        await Page.GetByLabel("Email").FillAsync(QuestionBankApp.AdminEmail);
        await Page.GetByLabel("Password").FillAsync(QuestionBankApp.AdminPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The address, not the page's load event: a wait for that event after this redirect timed out once in CI.
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(BaseAddress, adminPage).ToString(), new() { Timeout = 30_000 });
    }

    /// <summary>Chooses one file on the admin import page (signed in) and asks for the dry run; returns where its result shows.</summary>
    public async Task<ILocator> PreviewImportAsync(string name, string mimeType, byte[] content)
    {
        if (!Page.Url.EndsWith("/admin/import", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/admin/import");
        }
        await Page.Locator("#uploads").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = content });
        await Page.Locator("#preview").ClickAsync();
        return Page.Locator("#import-result");
    }

    /// <summary>Finds a question by searching and opens its page with the answer shown.</summary>
    public async Task OpenQuestionAsync(string query, string title)
    {
        await Page.GotoAsync("/search?q=" + Uri.EscapeDataString(query));
        await Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await ShowAnswerAsync();
    }

    /// <summary>Opens the question page that offers <paramref name="exercise"/> and waits for its editor.</summary>
    public async Task OpenExerciseAsync(string exercise)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        await Page.GotoAsync($"/questions/{await ExerciseQuestions.SlugAsync(client, exercise)}");
        await Page.Locator(".cm-content").WaitForAsync();
    }

    /// <summary>Opens the question page's answer, which a signed-in account (admins are learners too) sees folded for self-testing.</summary>
    public async Task ShowAnswerAsync()
    {
        var fold = Page.Locator("details.self-test > summary");
        if (await fold.CountAsync() > 0)
        {
            await fold.ClickAsync();
        }
    }

    /// <summary>Commits the previewed import.</summary>
    public async Task CommitImportAsync()
    {
        await Page.Locator("#commit").ClickAsync();
        await Assertions.Expect(Page.Locator("#import-result h2")).ToContainTextAsync("Imported");
    }

    /// <summary>Previews and commits one markdown file on the admin import page (signed in).</summary>
    public async Task ImportAsync(string fileName, string markdown)
    {
        var preview = await PreviewImportAsync(fileName, "text/markdown", System.Text.Encoding.UTF8.GetBytes(markdown));
        await Assertions.Expect(preview).ToContainTextAsync("nothing has been written yet");
        await CommitImportAsync();
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    // The page was opened with a context of its own, which closing it closes too.
    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
