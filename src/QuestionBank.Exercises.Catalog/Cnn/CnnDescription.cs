namespace QuestionBank.Exercises.Cnn;

/// <summary>Classify handwritten digits with a convolutional network.</summary>
public sealed class CnnDescription : ExerciseDescription
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
}
