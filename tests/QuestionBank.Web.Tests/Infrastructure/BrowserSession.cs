using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>The real app on Kestrel and a real headless Chromium (the system's, not a Playwright download) pointed at it.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
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
        return new BrowserSession(app, playwright, browser, page, address);
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
