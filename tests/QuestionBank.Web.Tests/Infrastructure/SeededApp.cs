using Microsoft.Extensions.DependencyInjection;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>One started app on its own clone of the seeded database, with a client on it.</summary>
public class SeededApp : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?>? settings;
    private readonly Action<IServiceCollection>? services;

    public SeededApp()
    {
    }

    // Not public: xUnit wants a fixture to have one public constructor.
    protected SeededApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        this.settings = settings;
        this.services = services;
    }

    public QuestionBankApp App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new QuestionBankApp(await TestCluster.SeededDatabaseAsync(), settings, services);
        Client = App.CreateClient();
        (await Client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A seeded app that runs one sandbox worker of its own.</summary>
public sealed class SeededAppWithWorker() : SeededApp(QuestionBankApp.WithWorker);

/// <summary>A seeded app whose clock the tests set (<see cref="TestClock"/>), with sign-up and sign-in limits out of the way.</summary>
public sealed class ClockedApp : SeededApp
{
    public ClockedApp()
        : this(new TestClock())
    {
    }

    private ClockedApp(TestClock clock)
        : base(
            new Dictionary<string, string?> { ["QuestionBank:Accounts:SignUpsPerMinute"] = "1000", ["QuestionBank:Admin:LoginAttemptsPerMinute"] = "1000" },
            services => services.AddSingleton<TimeProvider>(clock)) => Clock = clock;

    public TestClock Clock { get; }
}
