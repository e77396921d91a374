using QuestionBank.Exercises.Imaging;
using static TorchSharp.torch;

namespace QuestionBank.Exercises.Gan;

/// <summary>Generate handwritten digits with a generative adversarial network.</summary>
public sealed class GanExercise : Exercise
{
    /// <summary>The size of the noise vector the judge feeds the generator.</summary>
    public const int LatentSize = 64;
    private const int Samples = 1000;
    private const double Confidence = 0.9;
    private const int NoiseSeed = 11;

    public override string Id => "gan";

    public override IReadOnlyList<string> QuestionKeywords => ["GAN", "生成对抗"];

    public override string Title => "GAN: generate MNIST digits";

    public override string Summary =>
        "Train a generator and a discriminator on 8,000 MNIST digits (ctx.Mnist) and Submit the generator: " +
        $"it maps noise [N, {LatentSize}] to images [N, 1, 28, 28] with pixels in [-1, 1]. The judge draws " +
        $"{Samples} digits and classifies them with a reference CNN: at least 80% must be classified with " +
        "confidence ≥ 0.9, covering at least 8 of the 10 digits.";

    public override ExerciseParameters Defaults => new(Epochs: 15, LearningRate: 0.0005, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 60, 1e-5, 0.01, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals =>
        [new("confident_fraction", Minimum: 0.8), new("classes_covered", Minimum: 8)];

    public override IReadOnlyList<string> DataFiles => [MnistDigits.FileName, JudgeClassifier.FileName];

    public override ExerciseData LoadData(IReadOnlyDictionary<string, byte[]> files)
    {
        var (train, _) = MnistDigits.Load(RequireFile(files, MnistDigits.FileName));
        return new ExerciseData(train, RequireFile(files, JudgeClassifier.FileName));
    }

    public override IReadOnlyDictionary<string, double> Judge(
        nn.Module<Tensor, Tensor> model, ExerciseData data, Device device, IExerciseReporter reporter)
    {
        using var scope = NewDisposeScope();
        using var classifier = JudgeClassifier.Load((byte[])data.HeldOut!, device);
        var noise = randn(Samples, LatentSize, generator: new Generator(NoiseSeed));
        var generated = Predict(model, noise, device);
        if (generated.numel() != Samples * 28 * 28)
        {
            throw new JudgeException(
                $"The generator returned a tensor of shape [{string.Join(", ", generated.shape)}]; expected [{Samples}, 1, 28, 28].");
        }
        var images = generated.reshape(Samples, 1, 28, 28).add(1).div(2).clamp(0, 1);
        reporter.Image("samples.png", DigitGrid.Render(images));

        var probabilities = nn.functional.softmax(Predict(classifier, images, device), 1);
        var (best, classes) = probabilities.max(1);
        var confident = best.ge(Confidence);
        var coveredClasses = classes.masked_select(confident).unique().Item1.numel();
        return new Dictionary<string, double>
        {
            ["confident_fraction"] = confident.to_type(ScalarType.Float64).mean().item<double>(),
            ["classes_covered"] = coveredClasses,
        };
    }
}
