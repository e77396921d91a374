using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>The DQN judge: a per-run twist of CartPole, and a Q-network judged from its weights.</summary>
public sealed class DqnJudgeTests
{
    // A hand-written PD rule on the plain observations: push right when 10·θ + 2·θ' + 0.1·x + 0.5·x' > 0.
    private static readonly float[] Rule = [0.1f, 0.5f, 10, 2];

    [Fact]
    public void AHandWrittenRuleBalancesThePlainPoleForFiveHundredSteps() =>
        Assert.Equal(500, Play(RuleNetwork(Rule, CartPoleTwist.None), CartPoleTwist.None));

    [Fact]
    public async Task AHandWrittenRuleGivenAsWeightsMissesTheGoalUnderEveryRunsTwist()
    {
        var state = RuleState(Rule, CartPoleTwist.None);
        for (var run = 0; run < 20; run++)
        {
            var verdict = await CreateJudge(out _).JudgeAsync(new ScriptedModel(_ => throw new InvalidOperationException()) { State = state }.Tools, CancellationToken.None);

            Assert.InRange(verdict.Metrics["eval_mean_return"], 0, 194);
        }
    }

    [Fact]
    public async Task TheJudgePlaysUnderTheTwistItHandsTheJail()
    {
        // The same rule, rewritten for the twist in the jail's training file: what a learner's network can learn.
        var judge = CreateJudge(out var twist);

        var verdict = await judge.JudgeAsync(new ScriptedModel(_ => throw new InvalidOperationException()) { State = RuleState(Rule, twist) }.Tools, CancellationToken.None);

        Assert.Equal(500, verdict.Metrics["eval_mean_return"]);
    }

    [Fact]
    public void TwistsMoveEveryObservationByMoreThanThePolesAngleEverReaches()
    {
        var random = new Random(5);
        var twists = Enumerable.Range(0, 200).Select(_ => CartPoleTwist.Draw(random)).ToList();

        Assert.All(twists, twist => Assert.All(twist.Offsets, offset => Assert.InRange(Math.Abs(offset), 0.25, 0.5)));
        Assert.Equal(24, twists.Select(twist => string.Join(',', twist.Order)).Distinct().Count());
        Assert.Contains(twists, twist => twist.SwapActions);
        Assert.Contains(twists, twist => !twist.SwapActions);
        Assert.All(twists, twist => Assert.Equal(twist.ToBytes(), CartPoleTwist.Read(twist.ToBytes()).ToBytes()));
    }

    [Theory]
    [InlineData("no tensors")]
    [InlineData("a weight without its bias")]
    [InlineData("three inputs")]
    [InlineData("three outputs")]
    [InlineData("an int8 weight")]
    [InlineData("a convolution")]
    public void AStateOutsideTheFamilyIsRejected(string what)
    {
        var weight = StateTensor.FromFloats("fc.weight", new float[8], [2, 4]);
        var bias = StateTensor.FromFloats("fc.bias", new float[2], [2]);
        List<StateTensor> tensors = what switch
        {
            "no tensors" => [],
            "a weight without its bias" => [weight],
            "three inputs" => [StateTensor.FromFloats("fc.weight", new float[6], [2, 3]), bias],
            "three outputs" => [StateTensor.FromFloats("fc.weight", new float[12], [3, 4]), StateTensor.FromFloats("fc.bias", new float[3], [3])],
            "an int8 weight" => [new StateTensor("fc.weight", StateType.Int8, [2, 4], new byte[8]), bias],
            _ => [StateTensor.FromFloats("conv.weight", new float[8], [2, 4, 1, 1]), bias],
        };

        Assert.Throws<JudgeException>(() => QNetworkState.FromState(new ModelState(tensors)));
    }

    private static ExerciseJudge CreateJudge(out CartPoleTwist twist)
    {
        var judge = ExerciseRegistry.Find("dqn")!.CreateJudge(new Dictionary<string, byte[]>());
        twist = CartPoleTwist.Read(judge.TrainingFiles[CartPoleTwist.FileName]);
        return judge;
    }

    /// <summary>
    /// <paramref name="rule"/> (push right when rule · state &gt; 0) as one linear layer on <paramref name="twist"/>'s
    /// observations: state[order[i]] = sign[i] · (observation[i] - offset[i]).
    /// </summary>
    private static byte[] RuleState(float[] rule, CartPoleTwist twist)
    {
        var weights = new float[4];
        var bias = 0f;
        for (var i = 0; i < 4; i++)
        {
            weights[i] = rule[twist.Order[i]] * twist.Signs[i];
            bias -= weights[i] * twist.Offsets[i];
        }
        float[] right = [.. weights, bias], left = [.. weights.Select(w => -w), -bias];
        var (action0, action1) = twist.SwapActions ? (right, left) : (left, right);
        return new ModelState([
            StateTensor.FromFloats("fc.weight", [.. action0[..4], .. action1[..4]], [2, 4]),
            StateTensor.FromFloats("fc.bias", [action0[4], action1[4]], [2])]).ToBytes();
    }

    private static QNetworkState RuleNetwork(float[] rule, CartPoleTwist twist) => QNetworkState.FromState(ModelState.Parse(RuleState(rule, twist)));

    private static int Play(QNetworkState network, CartPoleTwist twist)
    {
        var environment = new CartPole(1, twist);
        var state = environment.Reset();
        var steps = 0;
        while (true)
        {
            var values = network.Values(state);
            var step = environment.Step(values[1] > values[0] ? 1 : 0);
            steps++;
            if (step.Done)
            {
                return steps;
            }
            state = step.State;
        }
    }
}
