namespace QuestionBank.Exercises.Transformer;

/// <summary>Tell a word's language from its letters with a small Transformer encoder.</summary>
public sealed class TransformerDescription : ExerciseDescription
{
    public override string Id => "transformer";

    public override IReadOnlyList<string> QuestionKeywords => ["Transformer", "transformers"];

    public override string Title => "Transformer: tell a word's language from its letters";

    public override string Summary =>
        "Train a Transformer encoder (character embedding, positional encoding, self-attention layers, " +
        "pooling over the letters, a classifier) on 14,000 words of Debian's word lists in seven languages " +
        "(ctx.Words) and Submit it: it maps [N, 16] letter codes (0 = padding) to [N, 7] language scores. " +
        "The judge measures accuracy on 3,500 held-out words; counting letters alone reaches about 0.5.";

    public override ExerciseParameters Defaults => new(Epochs: 10, LearningRate: 0.003, BatchSize: 128, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 30, 1e-5, 0.1, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("test_accuracy", Minimum: 0.70)];
}
