namespace QuestionBank.Exercises.Gan;

/// <summary>Generate handwritten digits with a generative adversarial network.</summary>
public sealed class GanDescription : ExerciseDescription
{
    /// <summary>The size of the noise vector the judge feeds the generator.</summary>
    public const int LatentSize = 64;

    /// <summary>How many digits the judge draws from the generator.</summary>
    public const int Samples = 1000;

    /// <summary>The class probability at which the judge's classifier counts a digit as confidently drawn.</summary>
    public const double Confidence = 0.9;

    public override string Id => "gan";

    public override IReadOnlyList<string> QuestionKeywords => ["GAN", "生成对抗"];

    public override string Title => "GAN: generate MNIST digits";

    public override string Summary =>
        "Train a generator and a discriminator on 8,000 MNIST digits (ctx.Mnist) and Submit the generator: " +
        $"it maps noise [N, {LatentSize}] to images [N, 1, 28, 28] with pixels in [-1, 1]. The judge draws " +
        $"{Samples} digits and classifies them with a reference CNN: at least 80% must be classified with " +
        "confidence ≥ 0.9, covering at least 8 of the 10 digits.";

    public override ExerciseParameters Defaults => new(Epochs: 4, LearningRate: 0.0005, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 60, 1e-5, 0.01, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals =>
        [new("confident_fraction", Minimum: 0.8), new("classes_covered", Minimum: 8)];
}
