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
        "held-out digits 5–9. The budget is 2 epochs of batches of at least 25 (20 steps): the same network " +
        "trained from scratch on the same images reaches 0.78; the goal asks for more than 10 points above that.";

    public override ExerciseParameters Defaults => new(Epochs: 2, LearningRate: 0.003, BatchSize: 25, Seed: 1);

    // The budget is what makes the comparison: given enough steps, a CNN learns these easy digits
    // from 250 images too. At most 2 epochs of at least 25 images a batch.
    public override ParameterLimits Limits => new(MaxEpochs: 2, 1e-5, 0.1, MinBatchSize: 25, MaxBatchSize: 250);

    public override IReadOnlyList<MetricGoal> Goals => [new("test_accuracy", Minimum: 0.90)];
}
