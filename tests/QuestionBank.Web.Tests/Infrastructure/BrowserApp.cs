using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel, on its own clone of the seeded database, and a real headless Chromium
/// (the system's, not a Playwright download), shared by a test class; each test opens its own <see cref="BrowserSession"/>.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private QuestionBankApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public BrowserApp()
    {
    }

    // Not public: xUnit wants a fixture to have one public constructor.
    protected BrowserApp(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; run scripts/ensure-prerequisites.sh (it installs Debian's chromium).");
        }

        _app = new QuestionBankApp(await TestCluster.SeededDatabaseAsync(), _settings);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .First();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own sandbox needs user namespaces that CI containers running as root lack.
            Args = ["--no-sandbox"],
        });
    }

    public Task<BrowserSession> OpenAsync() => BrowserSession.OpenAsync(_browser, BaseAddress);

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>A browser app that runs one sandbox worker of its own.</summary>
public sealed class BrowserAppWithWorker() : BrowserApp(QuestionBankApp.WithWorker);
