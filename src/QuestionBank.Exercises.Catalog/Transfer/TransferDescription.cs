namespace QuestionBank.Exercises.Transfer;

/// <summary>Transfer learning: fine-tune a backbone pretrained on the digits 0–4 to classify 5–9 from a few labelled images.</summary>
public sealed class TransferDescription : ExerciseDescription
{
    /// <summary>How many labelled training images of each digit 5–9 the jail gets.</summary>
    public const int ImagesPerDigit = 50;

    public override string Id => "transfer";

    public override IReadOnlyList<string> QuestionKeywords => ["迁移学习", "transfer learning", "Transfer Learning", "微调"];

    public override string Title => "Transfer learning: digits 5–9 from a backbone pretrained on 0–4";

    public override string Summary =>
        $"ctx.Transfer holds only {ImagesPerDigit} labelled images of each digit 5–9 (Images [250, 1, 28, 28], " +
        "Labels 0–4 for the digits 5–9) and LoadBackbone(): a CNN pretrained on the digits 0–4 (Features, Head). " +
        "Reuse its features, put a new head on them, freeze or fine-tune, and Submit the classifier: it maps " +
        "[N, 1, 28, 28] images to [N, 5] scores of the digits 5–9. The judge measures accuracy on about 1,000 " +
        "held-out digits 5–9. The same network trained from scratch on the same 250 images reaches about " +
        "BASELINE; the goal asks for at least 10 points more.";

    public override ExerciseParameters Defaults => new(Epochs: 10, LearningRate: 0.001, BatchSize: 25, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 30, 1e-5, 0.1, MinBatchSize: 5, MaxBatchSize: 250);

    public override IReadOnlyList<MetricGoal> Goals => [new("test_accuracy", Minimum: 0.9)];
}
