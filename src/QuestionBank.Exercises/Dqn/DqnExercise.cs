using static TorchSharp.torch;

namespace QuestionBank.Exercises.Dqn;

/// <summary>Balance a pole on a cart with a deep Q-network.</summary>
public sealed class DqnExercise : Exercise
{
    private const int EvaluationEpisodes = 20;
    private const int EvaluationSeed = 2_024;

    public override string Id => "dqn";

    public override IReadOnlyList<string> QuestionKeywords => ["DQN", "强化学习"];

    public override string Title => "DQN: balance the CartPole";

    public override string Summary =>
        "Train a deep Q-network (replay buffer, target network, ε-greedy exploration) on CartPole " +
        "(ctx.CreateCartPole()) and Submit the Q-network: it maps states [N, 4] to action values [N, 2]. " +
        $"The judge plays {EvaluationEpisodes} greedy episodes of at most {CartPole.MaxSteps} steps and reports the mean return.";

    /// <remarks>For this exercise an epoch is one training episode.</remarks>
    public override ExerciseParameters Defaults => new(Epochs: 400, LearningRate: 0.001, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 600, 1e-5, 0.05, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("eval_mean_return", Minimum: 195)];

    public override ExerciseData LoadData(IReadOnlyDictionary<string, byte[]> files) => new(null, null);

    public override IReadOnlyDictionary<string, double> Judge(
        nn.Module<Tensor, Tensor> model, ExerciseData data, Device device, IExerciseReporter reporter)
    {
        model.eval();
        using var noGrad = no_grad();
        var environment = new CartPole(EvaluationSeed);
        double total = 0;
        for (var episode = 0; episode < EvaluationEpisodes; episode++)
        {
            var state = environment.Reset();
            while (true)
            {
                using var scope = NewDisposeScope();
                var values = model.forward(tensor(state).unsqueeze(0).to(device));
                if (values.dim() != 2 || values.shape[0] != 1 || values.shape[1] != CartPole.ActionCount)
                {
                    throw new JudgeException(
                        $"The Q-network returned a tensor of shape [{string.Join(", ", values.shape)}] for one state; expected [1, 2].");
                }
                var step = environment.Step((int)values.argmax(1).item<long>());
                total += step.Reward;
                if (step.Done)
                {
                    break;
                }
                state = step.State;
            }
        }
        return new Dictionary<string, double> { ["eval_mean_return"] = total / EvaluationEpisodes };
    }
}
