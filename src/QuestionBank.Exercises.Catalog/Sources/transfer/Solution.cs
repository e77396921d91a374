// Reference solution: the pretrained backbone's features under a new head for the digits 5–9, all
// fine-tuned, the features at a tenth of the head's learning rate so that what they learnt on 0–4
// is adjusted rather than overwritten by 250 images.
using QuestionBank.Exercises.Imaging;
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
        var model = new FiveToNine(data.LoadBackbone().Features, Linear(DigitBackbone.FeatureSize, 5));
        model.to(ctx.Device);
        var featureOptimizer = optim.Adam(model.Features.parameters(), ctx.LearningRate / 10);
        var headOptimizer = optim.Adam(model.Head.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);
        var losses = new List<double>();

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(data.Count, generator: shuffle);
            double lossSum = 0, correct = 0;
            for (long start = 0; start < data.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, data.Count - start));
                var images = data.Images.index_select(0, batch).to(ctx.Device);
                var labels = data.Labels.index_select(0, batch).to(ctx.Device);

                featureOptimizer.zero_grad();
                headOptimizer.zero_grad();
                var scores = model.forward(images);
                var loss = functional.cross_entropy(scores, labels);
                loss.backward();
                featureOptimizer.step();
                headOptimizer.step();

                lossSum += loss.item<float>() * batch.shape[0];
                correct += scores.argmax(1).eq(labels).sum().item<long>();
            }
            losses.Add(lossSum / data.Count);
            ctx.Report(epoch, ("loss", lossSum / data.Count), ("train_accuracy", correct / data.Count));
        }
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        ctx.Submit(model);
    }
}

// The backbone's features and a new head: [N, 1, 28, 28] images to [N, 5] scores of the digits 5–9.
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

    public Sequential Features => features;

    public Linear Head => head;

    public override Tensor forward(Tensor x) => head.forward(features.forward(x));
}
