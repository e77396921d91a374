//@ starter
// Transfer learning: classify the digits 5–9 from only 50 labelled images of each.
// ctx.Transfer holds Images [250, 1, 28, 28] in [0, 1], Labels [250] (0–4 stand for the digits 5–9)
// and LoadBackbone(): a CNN pretrained on the digits 0–4, with its Features ([N, 1, 28, 28] to
// [N, 3136]) and a Head for 0–4. Submit a model that maps [N, 1, 28, 28] images to [N, 5] scores:
// the judge measures its accuracy on 2,000 digits 5–9 it draws for the run, each slightly turned,
// scaled, moved and noised (goal: test_accuracy ≥ 0.84).
// As written it trains the same network from scratch: in the budget of 2 epochs it reaches about 0.79.
//@ solution
// Reference solution: the backbone's pretrained convolutional features under a new linear head for
// the digits 5–9, all fine-tuned. Starting from features that already tell strokes apart, the 20
// steps the budget allows reach about 0.87 on the judge's distorted digits; from scratch about 0.79.
// (Training the head alone on frozen features for the first epoch, or at a higher learning rate,
// did no better.)
using QuestionBank.Exercises.Imaging;
//@ end
using QuestionBank.Exercises.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var data = ctx.Transfer;
        //@ starter
        // TODO: start from the pretrained features, ctx.Transfer.LoadBackbone().Features, instead of
        // new ones, under the new head, and fine-tune them (or freeze them: requires_grad = false).
        var model = new FiveToNine(DigitBackbone.CreateFeatures(), Linear(DigitBackbone.FeatureSize, 5));
        //@ solution
        var model = new FiveToNine(data.LoadBackbone().Features, Linear(DigitBackbone.FeatureSize, 5));
        //@ end
        model.to(ctx.Device);
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);
        var step = 0;
        //@ solution
        var losses = new List<double>();
        //@ end

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(data.Count, generator: shuffle);
            double lossSum = 0, correct = 0, seen = 0;
            for (long start = 0; start < data.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, data.Count - start));
                var images = data.Images.index_select(0, batch).to(ctx.Device);
                var labels = data.Labels.index_select(0, batch).to(ctx.Device);

                optimizer.zero_grad();
                var scores = model.forward(images);
                var loss = functional.cross_entropy(scores, labels);
                loss.backward();
                optimizer.step();

                lossSum += loss.item<float>() * batch.shape[0];
                correct += scores.argmax(1).eq(labels).sum().item<long>();
                seen += batch.shape[0];
                //@ solution
                losses.Add(loss.item<float>());
                //@ end
                ctx.Report(++step, ("loss", lossSum / seen), ("train_accuracy", correct / seen));
            }
            Console.WriteLine($"epoch {epoch}: loss {lossSum / seen:F4}, train accuracy {correct / seen:P2}");
        }
        //@ solution
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        //@ end
        ctx.Submit(model);
    }
}

//@ starter
// Features and a head: [N, 1, 28, 28] images to [N, 5] scores of the digits 5–9.
//@ solution
// The backbone's features and a new head: [N, 1, 28, 28] images to [N, 5] scores of the digits 5–9.
//@ end
public class FiveToNine : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;

    public FiveToNine(Sequential features, Linear head) : base(nameof(FiveToNine))
    {
        this.features = features;
        this.head = head;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => head.forward(features.forward(x));
}
