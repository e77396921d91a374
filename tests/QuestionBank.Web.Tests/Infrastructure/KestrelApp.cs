using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel, on its own clone of the seeded database, shared by a test class: for
/// what the in-memory test server does not do, such as enforcing request body limits or serving a browser.
/// </summary>
public class KestrelApp : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?>? settings;

    public KestrelApp()
    {
    }

    // Not public: xUnit wants a fixture to have one public constructor.
    protected KestrelApp(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public QuestionBankApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        App = new QuestionBankApp(await TestCluster.SeededDatabaseAsync(), settings);
        App.UseKestrel(0);
        App.StartServer();
        BaseAddress = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .First();
    }

    /// <summary>A client over real HTTP that keeps cookies and does not follow redirects, like AdminSession's.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
