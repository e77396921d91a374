namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// The tests of a class share one app and its database: for classes whose tests neither see each
/// other's writes nor use up each other's rate limits.
/// </summary>
public abstract class SharedAppTestBase(SeededApp app) : IClassFixture<SeededApp>
{
    protected QuestionBankApp App => app.App;

    protected HttpClient Client => app.Client;
}
