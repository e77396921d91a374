// Reference solution: an LSTM that forecasts the change from the last value of each window.
// Working relative to the last value keeps the inputs in range as the trend carries the series
// beyond the levels seen in training.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var (inputs, targets) = ctx.Series.Windows();
        var model = new Forecaster(hiddenSize: 32);
        model.to(ctx.Device);
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);
        var count = inputs.shape[0];

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(count, generator: shuffle);
            double lossSum = 0;
            for (long start = 0; start < count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, count - start));
                optimizer.zero_grad();
                var loss = functional.mse_loss(
                    model.forward(inputs.index_select(0, batch).to(ctx.Device)),
                    targets.index_select(0, batch).to(ctx.Device));
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
            }
            ctx.Report(epoch, ("loss", lossSum / count));
        }
        ctx.Submit(model);
    }
}

public class Forecaster : Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly Linear head;

    public Forecaster(int hiddenSize) : base(nameof(Forecaster))
    {
        lstm = LSTM(1, hiddenSize, batchFirst: true);
        head = Linear(hiddenSize, 1);
        RegisterComponents();
    }

    // windows: [N, T, 1] -> next value: [N, 1]
    public override Tensor forward(Tensor windows)
    {
        using var scope = NewDisposeScope();
        var last = windows[.., -1, ..];
        var (sequence, _, _) = lstm.forward(windows - last.unsqueeze(1));
        var change = head.forward(sequence[.., -1, ..]);
        return (last + change).MoveToOuterDisposeScope();
    }
}
