using TorchSharp;
using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>
/// How the sandbox trains its trusted models (the GAN judge's classifier, the transfer backbone, the
/// pretrained DigitNet): Adam on shuffled batches, a fixed seed for the initial weights and the order,
/// so that every data folder gets the same model; trusted code only, run in the jail's trusted modes.
/// </summary>
internal static class TrustedTraining
{
    private const int EvaluationBatch = 500;

    /// <summary>Trains a model <paramref name="create"/> makes on <paramref name="train"/>; returns its weights and its accuracy on <paramref name="test"/>.</summary>
    public static (byte[] Weights, double TestAccuracy) Train(
        Func<nn.Module<Tensor, Tensor>> create, DigitTensors train, DigitTensors test, TrainingRecipe recipe, Device device)
    {
        random.manual_seed(recipe.Seed);
        using var model = create();
        model.to(device);
        Fit(model, train, recipe, device);
        long correct;
        using (NewDisposeScope())
        {
            correct = Evaluate(model, test.Images, device).argmax(1).eq(test.Labels).sum().item<long>();
        }
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.cpu().save(writer);
        }
        return (weights.ToArray(), (double)correct / test.Count);
    }

    /// <summary>Loads <paramref name="weights"/> (bytes a trusted <see cref="Train"/> returned) into <paramref name="model"/>.</summary>
    public static T LoadWeights<T>(T model, byte[] weights) where T : nn.Module
    {
        using var reader = new BinaryReader(new MemoryStream(weights));
        model.load(reader);
        return model;
    }

    /// <summary>
    /// The outputs of <paramref name="model"/> for <paramref name="images"/>, in evaluation mode without
    /// gradients, <see cref="EvaluationBatch"/> images at a time on <paramref name="device"/>; each batch's
    /// outputs go through <paramref name="output"/> there and come back to the CPU.
    /// </summary>
    public static Tensor Evaluate(nn.Module<Tensor, Tensor> model, Tensor images, Device device, Func<Tensor, Tensor>? output = null)
    {
        model.eval();
        using var noGrad = no_grad();
        var batches = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += EvaluationBatch)
        {
            // A scope a batch frees the batch's activations before the next one runs.
            using var scope = NewDisposeScope();
            var scores = model.forward(images.narrow(0, start, Math.Min(EvaluationBatch, images.shape[0] - start)).to(device));
            batches.Add((output is null ? scores : output(scores)).cpu().MoveToOuterDisposeScope());
        }
        return cat(batches, 0);
    }

    /// <summary>Trains <paramref name="model"/> in place: Adam at 0.001, batches in an order drawn from the recipe's seed.</summary>
    public static void Fit(nn.Module<Tensor, Tensor> model, DigitTensors train, TrainingRecipe recipe, Device device)
    {
        var (seed, epochs, batchSize) = recipe;
        using var optimizer = optim.Adam(model.parameters(), 0.001);
        var shuffle = new Generator((ulong)seed);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            for (long start = 0; start < train.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(batchSize, train.Count - start));
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(
                    model.forward(train.Images.index_select(0, batch).to(device)),
                    train.Labels.index_select(0, batch).to(device));
                loss.backward();
                optimizer.step();
            }
        }
    }
}
