namespace QuestionBank.Exercises.Prune;

/// <summary>Prune a trained CNN to mostly zero weights and fine-tune it.</summary>
public sealed class PruneDescription : ExerciseDescription
{
    public override string Id => "prune";

    public override IReadOnlyList<string> QuestionKeywords => ["剪枝", "Pruning", "pruning"];

    public override string Title => "Pruning: 90% zero weights, accuracy kept";

    public override string Summary =>
        "ctx.LoadPretrained() gives a trained DigitNet (two convolutions, two linear layers, about 215,000 weights); " +
        "ctx.Mnist holds the 8,000 training digits. Prune it by weight magnitude so that at least 90% of the " +
        "convolution and linear weights are zero, fine-tune the rest with the pruned weights held at zero, and Submit " +
        "it. The judge reads the submitted weights (not your forward): it counts their zeros and runs its own copy of " +
        "the network on 2,000 held-out digits.";

    public override ExerciseParameters Defaults => new(Epochs: 3, LearningRate: 0.001, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 8, 1e-5, 0.05, MinBatchSize: 16, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("sparsity", Minimum: 0.90), new("test_accuracy", Minimum: 0.96)];
}
