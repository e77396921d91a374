namespace QuestionBank.Exercises.Tests;

public sealed class CartPoleTests
{
    [Fact]
    public void ResetStartsNearUprightAndTheSameSeedGivesTheSameEpisode()
    {
        var first = new CartPole(seed: 3);
        var second = new CartPole(seed: 3);

        var start = first.Reset();

        Assert.All(start, value => Assert.InRange(value, -0.05f, 0.05f));
        Assert.Equal(start, second.Reset());
        Assert.Equal(first.Step(1).State, second.Step(1).State);
    }

    [Fact]
    public void PushingOneWayTipsThePolePastTwelveDegreesAndTerminates()
    {
        var environment = new CartPole(seed: 1);
        environment.Reset();

        CartPoleStep step;
        var steps = 0;
        do
        {
            step = environment.Step(1);
            steps++;
        }
        while (!step.Done);

        Assert.True(step.Terminated);
        Assert.False(step.Truncated);
        Assert.True(Math.Abs(step.State[2]) > 12 * Math.PI / 180 || Math.Abs(step.State[0]) > 2.4);
        Assert.InRange(steps, 5, 40);
    }

    [Fact]
    public void PushingRightAcceleratesTheCartRightAndTipsThePoleLeft()
    {
        var environment = new CartPole(seed: 1);
        var before = environment.Reset();

        environment.Step(1);
        var after = environment.Step(1).State;

        Assert.True(after[1] > before[1]);
        Assert.True(after[3] < before[3]);
    }

    [Fact]
    public void AnEpisodeIsTruncatedAfter500Steps()
    {
        var environment = new CartPole(seed: 1);
        var state = environment.Reset();
        CartPoleStep step = default;
        var steps = 0;
        do
        {
            // A hand-written controller: push towards the side the pole leans to.
            step = environment.Step(state[2] + 0.5f * state[3] > 0 ? 1 : 0);
            state = step.State;
            steps++;
        }
        while (!step.Done);

        Assert.Equal(CartPole.MaxSteps, steps);
        Assert.True(step.Truncated);
        Assert.False(step.Terminated);
    }

    [Fact]
    public void SteppingAfterTheEndOrWithAnUnknownActionIsRefused()
    {
        var environment = new CartPole(seed: 1);
        Assert.Throws<InvalidOperationException>(() => environment.Step(0));
        environment.Reset();
        Assert.Throws<ArgumentOutOfRangeException>(() => environment.Step(2));
    }
}
