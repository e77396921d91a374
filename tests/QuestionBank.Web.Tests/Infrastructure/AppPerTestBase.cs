namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// Every test gets an app and database of its own (xUnit makes a class instance per test): for
/// classes whose tests would see each other's writes or use up each other's rate limits.
/// </summary>
public abstract class AppPerTestBase : IAsyncLifetime
{
    private readonly SeededApp _app = new();

    protected QuestionBankApp App => _app.App;

    protected HttpClient Client => _app.Client;

    public virtual Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();
}
