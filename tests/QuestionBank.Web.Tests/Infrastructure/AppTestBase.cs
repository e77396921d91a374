namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>A fresh app and database per test class instance, seeded from content/, with a client on it.</summary>
[Collection(DatabaseCollection.Name)]
public abstract class AppTestBase(PostgresFixture postgres) : IAsyncLifetime
{
    protected QuestionBankApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        App = new QuestionBankApp(postgres);
        Client = App.CreateClient();
        // The first request waits for start-up: migrations and the seed import.
        (await Client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
