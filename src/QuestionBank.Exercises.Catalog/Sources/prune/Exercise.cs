//@ starter
// Prune a trained CNN: at least 90% of its convolution and linear weights zero, held-out accuracy ≥ 0.96.
// ctx.LoadPretrained() gives the trained DigitNet; ctx.Mnist holds 8,000 training digits. The judge
// reads the weights you Submit (parameters conv1.weight … fc2.bias), counts their zeros and runs its
// own copy of the network on 2,000 held-out digits: only the weights count, not your forward.
//@ solution
// Reference solution: gradual global magnitude pruning with fine-tuning. Each epoch raises the
// sparsity along a cubic schedule, zeroes the smallest weights of all four layers together, and
// fine-tunes with the pruned weights held at zero.
using QuestionBank.Exercises.Imaging;
//@ end
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    //@ solution
    private const double TargetSparsity = 0.92;

    //@ end
    public void Run(ExerciseContext ctx)
    {
        var train = ctx.Mnist;
        var model = ctx.LoadPretrained();
        model.to(ctx.Device);
        var weights = model.named_parameters().Where(p => p.name.EndsWith(".weight")).Select(p => p.parameter).ToList();
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);
        //@ solution
        var losses = new List<double>();
        var step = 0;
        //@ end

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            //@ starter
            var masks = MagnitudeMasks(weights, 0.9);
            //@ solution
            var sparsity = TargetSparsity * (1 - Math.Pow(1 - (double)epoch / ctx.Epochs, 3));
            var masks = MagnitudeMasks(weights, sparsity);
            ApplyMasks(weights, masks);
            //@ end
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            //@ starter
            double lossSum = 0;
            //@ solution
            double lossSum = 0, seen = 0;
            //@ end
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
                //@ starter
                // TODO: keep the pruned weights at zero after each step (multiply each weight by its mask).
                //@ solution
                // The optimizer moves pruned weights too: put them back to zero.
                ApplyMasks(weights, masks);
                //@ end
                lossSum += loss.item<float>() * batch.shape[0];
                //@ solution
                seen += batch.shape[0];
                if (++step % 25 == 0)
                {
                    losses.Add(lossSum / seen);
                    ctx.Report(step, ("loss", lossSum / seen), ("sparsity", sparsity));
                }
                //@ end
            }
            //@ starter
            ctx.Report(epoch, ("loss", lossSum / train.Count));
            //@ solution
            Console.WriteLine($"epoch {epoch}: sparsity {sparsity:P1}, loss {lossSum / seen:F4}");
            //@ end
        }
        //@ solution
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        //@ end
        ctx.Submit(model);
    }

    //@ starter
    /// <summary>A 0/1 mask per weight tensor that zeroes the <paramref name="sparsity"/> fraction of smallest weights.</summary>
    //@ solution
    /// <summary>Keeps the weights whose magnitude is above the global threshold that zeroes the <paramref name="sparsity"/> fraction.</summary>
    //@ end
    private static List<Tensor> MagnitudeMasks(List<Parameter> weights, double sparsity)
    {
        //@ starter
        // TODO: find the magnitude below which the `sparsity` fraction of all weights lies
        // (cat the flattened abs() of the weights, kthvalue) and keep only the weights above it.
        return weights.Select(w => ones_like(w)).ToList();
        //@ solution
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
        //@ end
    }
}
