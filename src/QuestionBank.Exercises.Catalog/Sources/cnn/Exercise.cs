//@ starter
// Classify MNIST digits with a convolutional network.
// ctx.Mnist holds 8,000 training digits: Images [N, 1, 28, 28] in [0, 1] and Labels [N] (the
// run's own names for the digits: a permutation of 0–9 drawn for each run, which only the training
// labels teach). Train a model and hand it to ctx.Submit: the judge measures its accuracy on 2,000
// held-out digits, each slightly turned, scaled and moved for the run (goal: test_accuracy ≥ 0.95).
//@ solution
// Reference solution: a small convolutional network trained with Adam.
//@ end
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
        //@ solution
        var step = 0;
        //@ end

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            //@ starter
            double lossSum = 0;
            //@ solution
            double lossSum = 0, correct = 0, seen = 0;
            //@ end
            for (long start = 0; start < train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, train.Count - start));
                var images = train.Images.index_select(0, batch).to(ctx.Device);
                var labels = train.Labels.index_select(0, batch).to(ctx.Device);

                //@ starter
                // TODO: compute the cross-entropy loss of the model's scores, back-propagate it and
                // take an optimizer step (remember to zero the gradients first).
                var loss = functional.cross_entropy(model.forward(images), labels);
                //@ solution
                optimizer.zero_grad();
                var scores = model.forward(images);
                var loss = functional.cross_entropy(scores, labels);
                loss.backward();
                optimizer.step();

                //@ end
                lossSum += loss.item<float>() * batch.shape[0];
                //@ solution
                correct += scores.argmax(1).eq(labels).sum().item<long>();
                seen += batch.shape[0];
                if (++step % 25 == 0)
                {
                    ctx.Report(step, ("loss", lossSum / seen), ("train_accuracy", correct / seen));
                }
                //@ end
            }
            //@ starter
            ctx.Report(epoch, ("loss", lossSum / train.Count));
            //@ solution
            Console.WriteLine($"epoch {epoch}: loss {lossSum / seen:F4}, train accuracy {correct / seen:P2}");
            //@ end
        }
        ctx.Submit(model);
    }
}

//@ solution
// Two convolution blocks (convolution, batch norm, ReLU, max-pool) and a small classifier head.
//@ end
public class DigitNet : Module<Tensor, Tensor>
{
    //@ starter
    // TODO: replace this single linear layer with convolution blocks
    // (Conv2d, BatchNorm2d, ReLU, max-pooling) and a small classifier head.
    private readonly Linear classifier = Linear(28 * 28, 10);
    //@ solution
    private readonly Conv2d conv1 = Conv2d(1, 32, 3, padding: 1);
    private readonly BatchNorm2d norm1 = BatchNorm2d(32);
    private readonly Conv2d conv2 = Conv2d(32, 64, 3, padding: 1);
    private readonly BatchNorm2d norm2 = BatchNorm2d(64);
    private readonly Linear hidden = Linear(64 * 7 * 7, 128);
    private readonly Dropout dropout = Dropout(0.3);
    private readonly Linear output = Linear(128, 10);
    //@ end

    public DigitNet() : base(nameof(DigitNet)) => RegisterComponents();

    //@ starter
    public override Tensor forward(Tensor x) => classifier.forward(x.flatten(1));
    //@ solution
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = functional.max_pool2d(functional.relu(norm1.forward(conv1.forward(x))), 2);
        x = functional.max_pool2d(functional.relu(norm2.forward(conv2.forward(x))), 2);
        x = dropout.forward(functional.relu(hidden.forward(x.flatten(1))));
        return output.forward(x).MoveToOuterDisposeScope();
    }
    //@ end
}
