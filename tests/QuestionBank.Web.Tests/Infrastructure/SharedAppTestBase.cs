namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// The tests of a class share one app and its database: for classes whose tests neither see each
/// other's writes nor use up each other's rate limits.
/// </summary>
public abstract class SharedAppTestBase(SeededApp app) : SharedAppTestBase<SeededApp>(app);

/// <summary>
/// The tests of a class share one <typeparamref name="TApp"/> (a worker, a clock of the tests' own…) and
/// its database; tests that write keep apart by their own learners or data.
/// </summary>
public abstract class SharedAppTestBase<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : SeededApp
{
    /// <summary>The shared fixture, for what a kind of app adds (its clock, say).</summary>
    protected TApp Fixture => app;

    protected QuestionBankApp App => app.App;

    protected HttpClient Client => app.Client;
}
