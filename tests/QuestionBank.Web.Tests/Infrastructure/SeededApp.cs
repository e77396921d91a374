namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>One started app on its own clone of the seeded database, with a client on it.</summary>
public class SeededApp : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?>? settings;

    public SeededApp()
    {
    }

    // Not public: xUnit wants a fixture to have one public constructor.
    protected SeededApp(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public QuestionBankApp App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new QuestionBankApp(await TestCluster.SeededDatabaseAsync(), settings);
        Client = App.CreateClient();
        (await Client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A seeded app that runs one sandbox worker of its own.</summary>
public sealed class SeededAppWithWorker() : SeededApp(QuestionBankApp.WithWorker);
