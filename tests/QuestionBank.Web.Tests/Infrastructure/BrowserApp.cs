using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// A <see cref="KestrelApp"/> with a real headless Chromium (the system's, not a Playwright
/// download), shared by a test class; each test opens its own <see cref="BrowserSession"/>.
/// </summary>
public class BrowserApp : KestrelApp
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public BrowserApp()
    {
    }

    // Not public: xUnit wants a fixture to have one public constructor.
    protected BrowserApp(IReadOnlyDictionary<string, string?> settings) : base(settings)
    {
    }

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; run scripts/ensure-prerequisites.sh (it installs Debian's chromium).");
        }

        await base.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own sandbox needs user namespaces that CI containers running as root lack.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A page of its own; <paramref name="locale"/> is the browser's language (its Accept-Language), en-US when null.</summary>
    public Task<BrowserSession> OpenAsync(string? locale = null) => BrowserSession.OpenAsync(browser, BaseAddress, locale);

    public override async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>A browser app that runs one sandbox worker of its own.</summary>
public sealed class BrowserAppWithWorker() : BrowserApp(QuestionBankApp.WithWorker);

/// <summary>A browser app with the sign-up limit out of the way, for a class whose tests each sign up learners from one address.</summary>
public sealed class LearnersBrowserApp() : BrowserApp(new Dictionary<string, string?> { ["QuestionBank:Accounts:SignUpsPerMinute"] = "1000" });
