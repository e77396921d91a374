// Prune a trained CNN: at least 90% of its convolution and linear weights zero, held-out accuracy ≥ 0.96.
// ctx.LoadPretrained() gives the trained DigitNet; ctx.Mnist holds 8,000 training digits. The judge
// reads the weights you Submit (parameters conv1.weight … fc2.bias), counts their zeros and runs its
// own copy of the network on 2,000 held-out digits: only the weights count, not your forward.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var train = ctx.Mnist;
        var model = ctx.LoadPretrained();
        model.to(ctx.Device);
        var weights = model.named_parameters().Where(p => p.name.EndsWith(".weight")).Select(p => p.parameter).ToList();
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            var masks = MagnitudeMasks(weights, 0.9);
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0;
            for (long start = 0; start < train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, train.Count - start));
                optimizer.zero_grad();
                var loss = functional.cross_entropy(
                    model.forward(train.Images.index_select(0, batch).to(ctx.Device)), train.Labels.index_select(0, batch).to(ctx.Device));
                loss.backward();
                optimizer.step();
                // TODO: keep the pruned weights at zero after each step (multiply each weight by its mask).
                lossSum += loss.item<float>() * batch.shape[0];
            }
            ctx.Report(epoch, ("loss", lossSum / train.Count));
        }
        ctx.Submit(model);
    }

    /// <summary>A 0/1 mask per weight tensor that zeroes the <paramref name="sparsity"/> fraction of smallest weights.</summary>
    private static List<Tensor> MagnitudeMasks(List<Parameter> weights, double sparsity)
    {
        // TODO: find the magnitude below which the `sparsity` fraction of all weights lies
        // (cat the flattened abs() of the weights, kthvalue) and keep only the weights above it.
        return weights.Select(w => ones_like(w)).ToList();
    }
}
