using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>The real app on Kestrel and a real headless Chromium (the system's, not a Playwright download) pointed at it.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

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

    private readonly QuestionBankApp _app;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(QuestionBankApp app, IPlaywright playwright, IBrowser browser, IPage page, Uri baseAddress)
    {
        _app = app;
        _playwright = playwright;
        _browser = browser;
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

    public static async Task<BrowserSession> StartAsync(
        PostgresFixture postgres, int width = 1280, int height = 900, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; run scripts/ensure-prerequisites.sh (it installs Debian's chromium).");
        }

        var app = new QuestionBankApp(postgres, settings);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .First();

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own sandbox needs user namespaces that CI containers running as root lack.
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var session = new BrowserSession(app, playwright, browser, page, address);
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

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}
