namespace QuestionBank.Exercises.Dqn;

/// <summary>Balance a pole on a cart with a deep Q-network.</summary>
public sealed class DqnDescription : ExerciseDescription
{
    /// <summary>How many greedy episodes the judge plays.</summary>
    public const int EvaluationEpisodes = 20;

    /// <summary>The longest CartPole episode: an episode that reaches it is truncated.</summary>
    public const int MaxSteps = 500;

    public override string Id => "dqn";

    public override IReadOnlyList<string> QuestionKeywords => ["DQN", "强化学习"];

    public override string Title => "DQN: balance the CartPole";

    public override string Summary =>
        "Train a deep Q-network (replay buffer, target network, ε-greedy exploration) on CartPole " +
        "(ctx.CreateCartPole()) and Submit the Q-network: it maps states [N, 4] to action values [N, 2]. " +
        $"The judge plays {EvaluationEpisodes} greedy episodes of at most {MaxSteps} steps and reports the mean return.";

    /// <remarks>For this exercise an epoch is one training episode.</remarks>
    public override ExerciseParameters Defaults => new(Epochs: 400, LearningRate: 0.001, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 600, 1e-5, 0.05, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("eval_mean_return", Minimum: 195)];
}
