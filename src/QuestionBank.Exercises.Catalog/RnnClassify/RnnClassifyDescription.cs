namespace QuestionBank.Exercises.RnnClassify;

/// <summary>Tell a word's language from its letters with a recurrent network.</summary>
public sealed class RnnClassifyDescription : ExerciseDescription
{
    public override string Id => "rnn-classify";

    // "RNN" alone stays with the lstm forecasting exercise; a classification question says so.
    public override IReadOnlyList<string> QuestionKeywords => ["序列分类", "sequence classification"];

    public override string Title => "RNN: classify sequences (a word's language from its letters)";

    public override string Summary =>
        "Train a recurrent classifier (RNN, GRU or LSTM over character embeddings) on 14,000 words of " +
        "Debian's word lists in seven languages (ctx.Words) and Submit it: it maps [N, 16] letter codes " +
        "(0 = padding) to [N, 7] language scores. The judge measures accuracy on 3,500 held-out words; " +
        "counting letters alone reaches about 0.5.";

    public override ExerciseParameters Defaults => new(Epochs: 6, LearningRate: 0.003, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 30, 1e-5, 0.1, MinBatchSize: 8, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("test_accuracy", Minimum: 0.75)];
}
