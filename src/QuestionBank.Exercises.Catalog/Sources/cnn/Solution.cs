// Reference solution: a small convolutional network trained with Adam.
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
        var step = 0;

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0, correct = 0, seen = 0;
            for (long start = 0; start < train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, train.Count - start));
                var images = train.Images.index_select(0, batch).to(ctx.Device);
                var labels = train.Labels.index_select(0, batch).to(ctx.Device);

                optimizer.zero_grad();
                var scores = model.forward(images);
                var loss = functional.cross_entropy(scores, labels);
                loss.backward();
                optimizer.step();

                lossSum += loss.item<float>() * batch.shape[0];
                correct += scores.argmax(1).eq(labels).sum().item<long>();
                seen += batch.shape[0];
                if (++step % 25 == 0)
                {
                    ctx.Report(step, ("loss", lossSum / seen), ("train_accuracy", correct / seen));
                }
            }
            Console.WriteLine($"epoch {epoch}: loss {lossSum / seen:F4}, train accuracy {correct / seen:P2}");
        }
        ctx.Submit(model);
    }
}

// Two convolution blocks (convolution, batch norm, ReLU, max-pool) and a small classifier head.
public class DigitNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1 = Conv2d(1, 32, 3, padding: 1);
    private readonly BatchNorm2d norm1 = BatchNorm2d(32);
    private readonly Conv2d conv2 = Conv2d(32, 64, 3, padding: 1);
    private readonly BatchNorm2d norm2 = BatchNorm2d(64);
    private readonly Linear hidden = Linear(64 * 7 * 7, 128);
    private readonly Dropout dropout = Dropout(0.3);
    private readonly Linear output = Linear(128, 10);

    public DigitNet() : base(nameof(DigitNet)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = functional.max_pool2d(functional.relu(norm1.forward(conv1.forward(x))), 2);
        x = functional.max_pool2d(functional.relu(norm2.forward(conv2.forward(x))), 2);
        x = dropout.forward(functional.relu(hidden.forward(x.flatten(1))));
        return output.forward(x).MoveToOuterDisposeScope();
    }
}
