using static TorchSharp.torch;

namespace QuestionBank.Exercises.Cnn;

/// <summary>Classify handwritten digits with a convolutional network.</summary>
public sealed class CnnExercise : Exercise
{
    public override string Id => "cnn";

    public override IReadOnlyList<string> QuestionKeywords => ["CNN", "图像分类", "卷积神经网络"];

    public override string Title => "CNN: classify MNIST digits";

    public override string Summary =>
        "Train a convolutional network on 8,000 MNIST digits (ctx.Mnist) and Submit it: it maps " +
        "[N, 1, 28, 28] images to [N, 10] class scores. The judge measures accuracy on 2,000 held-out digits.";

    public override ExerciseParameters Defaults => new(Epochs: 5, LearningRate: 0.001, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 10, 1e-5, 0.1, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("test_accuracy", Minimum: 0.97)];

    public override IReadOnlyList<string> DataFiles => [MnistDigits.FileName];

    public override ExerciseData LoadData(IReadOnlyDictionary<string, byte[]> files)
    {
        var (train, test) = MnistDigits.Load(RequireFile(files, MnistDigits.FileName));
        return new ExerciseData(train, test);
    }

    public override IReadOnlyDictionary<string, double> Judge(
        nn.Module<Tensor, Tensor> model, ExerciseData data, Device device, IExerciseReporter reporter)
    {
        var test = (MnistSplit)data.HeldOut!;
        return new Dictionary<string, double> { ["test_accuracy"] = Accuracy(model, test, device) };
    }

    internal static double Accuracy(nn.Module<Tensor, Tensor> model, MnistSplit split, Device device)
    {
        using var scope = NewDisposeScope();
        var scores = Predict(model, split.Images, device);
        if (scores.dim() != 2 || scores.shape[0] != split.Count || scores.shape[1] != 10)
        {
            throw new JudgeException(
                $"The classifier returned a tensor of shape [{string.Join(", ", scores.shape)}]; expected [{split.Count}, 10].");
        }
        return scores.argmax(1).eq(split.Labels).to_type(ScalarType.Float64).mean().item<double>();
    }
}
