namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// Every test gets an app and database of its own (xUnit makes a class instance per test): for
/// classes whose tests would see each other's writes or use up each other's rate limits.
/// </summary>
public abstract class AppPerTestBase : IAsyncLifetime
{
    private readonly SeededApp app = new();

    protected QuestionBankApp App => app.App;

    protected HttpClient Client => app.Client;

    public virtual Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();
}
