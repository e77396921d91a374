// Balance a pole on a cart with a deep Q-network.
// ctx.CreateCartPole() makes an environment: Reset() gives the state (4 numbers), Step(action)
// with action 0 (push left) or 1 (push right) gives the next state, the reward and whether the
// episode ended. Each epoch is one training episode. Hand the Q-network to ctx.Submit: it maps
// states [N, 4] to action values [N, 2]; the judge plays 20 greedy episodes
// (goal: eval_mean_return ≥ 195, at most 500).
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    private const double Gamma = 0.99;

    public void Run(ExerciseContext ctx)
    {
        var environment = ctx.CreateCartPole();
        var network = new QNetwork();
        network.to(ctx.Device);
        var optimizer = optim.Adam(network.parameters(), ctx.LearningRate);
        var random = new Random(ctx.Seed);

        for (var episode = 1; episode <= ctx.Epochs; episode++)
        {
            var state = environment.Reset();
            double episodeReturn = 0;
            while (true)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                // TODO: choose actions ε-greedily from the network instead of at random, store
                // transitions in a replay buffer, and train on sampled mini-batches against a
                // target network: target = reward + Gamma * max_a Q_target(next, a) unless terminated.
                var action = random.Next(CartPole.ActionCount);
                var step = environment.Step(action);
                episodeReturn += step.Reward;
                state = step.State;
                if (step.Done)
                {
                    break;
                }
            }
            ctx.Report(episode, ("return", episodeReturn));
        }
        ctx.Submit(network);
    }
}

public class QNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential layers = Sequential(
        Linear(CartPole.ObservationSize, 128), ReLU(),
        Linear(128, CartPole.ActionCount));

    public QNetwork() : base(nameof(QNetwork)) => RegisterComponents();

    public override Tensor forward(Tensor states) => layers.forward(states);
}
