//@ starter
// Balance a pole on a cart with a deep Q-network.
// ctx.CreateCartPole() makes an environment: Reset() gives the state (4 numbers), Step(action)
// with action 0 or 1 (a push one way or the other) gives the next state, the reward and whether
// the episode ended. Which number is which, their signs and offsets and which way each action
// pushes are drawn for each run: only the environment teaches them. Each epoch is one training
// episode. Hand the Q-network to ctx.Submit: Linear layers with ReLU between them (as QNetwork
// below), mapping states [N, 4] to action values [N, 2]; the judge runs its weights itself and
// plays 20 greedy episodes (goal: eval_mean_return ≥ 195, at most 500).
//@ solution
// Reference solution: DQN (Mnih et al., 2015) with experience replay, a target network that is
// synchronised every few hundred steps, ε-greedy exploration and the Huber loss. It checks the
// greedy policy every few episodes and keeps the best weights, since DQN on CartPole can
// forget a good policy late in training.
using QuestionBank.Exercises.Imaging;
//@ end
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    private const double Gamma = 0.99;
    //@ solution
    private const int BufferSize = 20_000;
    private const int LearningStarts = 500;
    private const int TargetSyncSteps = 250;
    private const int ExplorationSteps = 5_000;
    private const double FinalEpsilon = 0.05;
    private const int CheckEvery = 10;
    //@ end

    public void Run(ExerciseContext ctx)
    {
        var environment = ctx.CreateCartPole();
        //@ starter
        var network = new QNetwork();
        network.to(ctx.Device);
        var optimizer = optim.Adam(network.parameters(), ctx.LearningRate);
        //@ solution
        var checkEnvironment = ctx.CreateCartPole();
        var online = new QNetwork();
        var target = new QNetwork();
        online.to(ctx.Device);
        target.to(ctx.Device);
        target.load_state_dict(online.state_dict());
        var optimizer = optim.Adam(online.parameters(), ctx.LearningRate);
        var buffer = new ReplayBuffer(BufferSize);
        //@ end
        var random = new Random(ctx.Seed);
        //@ solution
        var returns = new List<double>();
        var best = (Return: double.MinValue, Weights: (Dictionary<string, Tensor>?)null);
        var steps = 0;
        //@ end

        for (var episode = 1; episode <= ctx.Epochs; episode++)
        {
            var state = environment.Reset();
            double episodeReturn = 0;
            //@ solution
            var epsilon = 0.0;
            //@ end
            while (true)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                //@ starter
                // TODO: choose actions ε-greedily from the network instead of at random, store
                // transitions in a replay buffer, and train on sampled mini-batches against a
                // target network: target = reward + Gamma * max_a Q_target(next, a) unless terminated.
                var action = random.Next(CartPole.ActionCount);
                //@ solution
                epsilon = Math.Max(FinalEpsilon, 1.0 - (double)steps / ExplorationSteps);
                var action = random.NextDouble() < epsilon ? random.Next(CartPole.ActionCount) : Greedy(online, state, ctx.Device);
                //@ end
                var step = environment.Step(action);
                //@ solution
                buffer.Add(state, action, step.Reward, step.State, step.Terminated);
                //@ end
                episodeReturn += step.Reward;
                state = step.State;
                //@ solution
                steps++;

                if (buffer.Count >= LearningStarts)
                {
                    Learn(online, target, optimizer, buffer.Sample(ctx.BatchSize, random), ctx.Device);
                }
                if (steps % TargetSyncSteps == 0)
                {
                    target.load_state_dict(online.state_dict());
                }
                //@ end
                if (step.Done)
                {
                    break;
                }
            }
            //@ starter
            ctx.Report(episode, ("return", episodeReturn));
            //@ solution
            returns.Add(episodeReturn);

            double? greedyReturn = null;
            if (buffer.Count >= LearningStarts && episode % CheckEvery == 0)
            {
                greedyReturn = Evaluate(online, checkEnvironment, ctx.Device, episodes: 5);
                if (greedyReturn >= best.Return)
                {
                    best = (greedyReturn.Value, online.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone()));
                }
            }
            ctx.Report(episode, greedyReturn is { } value
                ? [("return", episodeReturn), ("epsilon", epsilon), ("greedy_return", value)]
                : [("return", episodeReturn), ("epsilon", epsilon)]);
            if (best.Return >= CartPole.MaxSteps)
            {
                break; // The greedy policy already balances the pole for every step.
            }
            //@ end
        }
        //@ starter
        ctx.Submit(network);
        //@ solution

        if (best.Weights is not null)
        {
            online.load_state_dict(best.Weights);
        }
        ctx.ReportImage("returns.png", LineChart.Render(returns));
        ctx.Submit(online);
    }

    private static int Greedy(QNetwork network, float[] state, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return (int)network.forward(tensor(state).unsqueeze(0).to(device)).argmax(1).item<long>();
    }

    private static double Evaluate(QNetwork network, CartPole environment, Device device, int episodes)
    {
        double total = 0;
        for (var episode = 0; episode < episodes; episode++)
        {
            var state = environment.Reset();
            while (true)
            {
                var step = environment.Step(Greedy(network, state, device));
                total += step.Reward;
                if (step.Done)
                {
                    break;
                }
                state = step.State;
            }
        }
        return total / episodes;
    }

    private static void Learn(QNetwork online, QNetwork target, optim.Optimizer optimizer, Batch batch, Device device)
    {
        using var scope = NewDisposeScope();
        var states = tensor(batch.States, [batch.Size, CartPole.ObservationSize]).to(device);
        var actions = tensor(batch.Actions, [batch.Size, 1]).to(device);
        var rewards = tensor(batch.Rewards).to(device);
        var nextStates = tensor(batch.NextStates, [batch.Size, CartPole.ObservationSize]).to(device);
        var notDone = tensor(batch.NotDone).to(device);

        Tensor targets;
        using (no_grad())
        {
            targets = rewards + Gamma * notDone * target.forward(nextStates).max(1).values;
        }
        var predicted = online.forward(states).gather(1, actions).squeeze(1);
        var loss = functional.smooth_l1_loss(predicted, targets);
        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(online.parameters(), 10);
        optimizer.step();
        //@ end
    }
}

public class QNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential layers = Sequential(
        Linear(CartPole.ObservationSize, 128), ReLU(),
        //@ solution
        Linear(128, 128), ReLU(),
        //@ end
        Linear(128, CartPole.ActionCount));

    public QNetwork() : base(nameof(QNetwork)) => RegisterComponents();

    public override Tensor forward(Tensor states) => layers.forward(states);
}
//@ solution

public record Batch(int Size, float[] States, long[] Actions, float[] Rewards, float[] NextStates, float[] NotDone);

// A ring buffer of transitions, sampled uniformly.
public class ReplayBuffer(int capacity)
{
    private readonly float[][] states = new float[capacity][];
    private readonly int[] actions = new int[capacity];
    private readonly float[] rewards = new float[capacity];
    private readonly float[][] nextStates = new float[capacity][];
    private readonly bool[] terminated = new bool[capacity];
    private int next;

    public int Count { get; private set; }

    public void Add(float[] state, int action, float reward, float[] nextState, bool isTerminal)
    {
        states[next] = state;
        actions[next] = action;
        rewards[next] = reward;
        nextStates[next] = nextState;
        terminated[next] = isTerminal;
        next = (next + 1) % capacity;
        Count = Math.Min(Count + 1, capacity);
    }

    public Batch Sample(int size, Random random)
    {
        var batch = new Batch(size, new float[size * 4], new long[size], new float[size], new float[size * 4], new float[size]);
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(Count);
            states[j].CopyTo(batch.States, i * 4);
            batch.Actions[i] = actions[j];
            batch.Rewards[i] = rewards[j];
            nextStates[j].CopyTo(batch.NextStates, i * 4);
            batch.NotDone[i] = terminated[j] ? 0 : 1;
        }
        return batch;
    }
}
//@ end
