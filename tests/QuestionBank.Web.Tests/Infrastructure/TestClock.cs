namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in a test: it starts at the real time (data-protection keys and cookies stay
/// valid) and then stands still until the test moves it ("the next day").
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long ticks = System.GetUtcNow().UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
