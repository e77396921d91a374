// Reference solution: gradual global magnitude pruning with fine-tuning. Each epoch raises the
// sparsity along a cubic schedule, zeroes the smallest weights of all four layers together, and
// fine-tunes with the pruned weights held at zero.
using QuestionBank.Exercises.Imaging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    private const double TargetSparsity = 0.92;

    public void Run(ExerciseContext ctx)
    {
        var train = ctx.Mnist;
        var model = ctx.LoadPretrained();
        model.to(ctx.Device);
        var weights = model.named_parameters().Where(p => p.name.EndsWith(".weight")).Select(p => p.parameter).ToList();
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);
        var losses = new List<double>();
        var step = 0;

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            var sparsity = TargetSparsity * (1 - Math.Pow(1 - (double)epoch / ctx.Epochs, 3));
            var masks = MagnitudeMasks(weights, sparsity);
            ApplyMasks(weights, masks);
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0, seen = 0;
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
                // The optimizer moves pruned weights too: put them back to zero.
                ApplyMasks(weights, masks);
                lossSum += loss.item<float>() * batch.shape[0];
                seen += batch.shape[0];
                if (++step % 25 == 0)
                {
                    losses.Add(lossSum / seen);
                    ctx.Report(step, ("loss", lossSum / seen), ("sparsity", sparsity));
                }
            }
            Console.WriteLine($"epoch {epoch}: sparsity {sparsity:P1}, loss {lossSum / seen:F4}");
        }
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        ctx.Submit(model);
    }

    /// <summary>Keeps the weights whose magnitude is above the global threshold that zeroes the <paramref name="sparsity"/> fraction.</summary>
    private static List<Tensor> MagnitudeMasks(List<Parameter> weights, double sparsity)
    {
        using var noGrad = no_grad();
        using var all = cat(weights.Select(w => w.detach().abs().flatten()).ToList());
        var pruned = (long)Math.Ceiling(sparsity * all.shape[0]);
        var (values, indices) = all.kthvalue(pruned, 0, false);
        using (values)
        using (indices)
        {
            var threshold = values.item<float>();
            return weights.Select(w => w.detach().abs().gt(threshold).to_type(w.dtype)).ToList();
        }
    }

    private static void ApplyMasks(List<Parameter> weights, List<Tensor> masks)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < weights.Count; i++)
        {
            weights[i].mul_(masks[i]);
        }
    }
}
