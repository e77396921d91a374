// Classify MNIST digits with a convolutional network.
// ctx.Mnist holds 8,000 training digits: Images [N, 1, 28, 28] in [0, 1] and Labels [N].
// Train a model and hand it to ctx.Submit: the judge measures its accuracy on 2,000 held-out
// digits (goal: test_accuracy ≥ 0.97).
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var train = ctx.Mnist;
        var model = new DigitNet();
        model.to(ctx.Device);
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0;
            for (long start = 0; start < train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, train.Count - start));
                var images = train.Images.index_select(0, batch).to(ctx.Device);
                var labels = train.Labels.index_select(0, batch).to(ctx.Device);

                // TODO: compute the cross-entropy loss of the model's scores, back-propagate it and
                // take an optimizer step (remember to zero the gradients first).
                var loss = functional.cross_entropy(model.forward(images), labels);
                lossSum += loss.item<float>() * batch.shape[0];
            }
            ctx.Report(epoch, ("loss", lossSum / train.Count));
        }
        ctx.Submit(model);
    }
}

public class DigitNet : Module<Tensor, Tensor>
{
    // TODO: replace this single linear layer with convolution blocks
    // (Conv2d, BatchNorm2d, ReLU, max-pooling) and a small classifier head.
    private readonly Linear classifier = Linear(28 * 28, 10);

    public DigitNet() : base(nameof(DigitNet)) => RegisterComponents();

    public override Tensor forward(Tensor x) => classifier.forward(x.flatten(1));
}
