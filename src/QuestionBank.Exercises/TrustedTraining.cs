using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QuestionBank.Exercises;

/// <summary>How the sandbox trains its own digit networks (the GAN judge's classifier, the pretrained DigitNet): Adam, fixed seed.</summary>
internal static class TrustedTraining
{
    public static void Fit(Module<Tensor, Tensor> model, MnistSplit train, int epochs, int batchSize, int seed, Device device)
    {
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
                var loss = functional.cross_entropy(
                    model.forward(train.Images.index_select(0, batch).to(device)),
                    train.Labels.index_select(0, batch).to(device));
                loss.backward();
                optimizer.step();
            }
        }
    }
}
