namespace QuestionBank.Exercises.Quantize;

/// <summary>Quantize a trained CNN's weights to int8 with a scale per output channel.</summary>
public sealed class QuantizeDescription : ExerciseDescription
{
    public override string Id => "quantize";

    public override IReadOnlyList<string> QuestionKeywords => ["量化", "Quantization", "quantization"];

    public override string Title => "Quantization: int8 weights, 3 times smaller";

    public override string Summary =>
        "ctx.LoadPretrained() gives a trained float32 DigitNet. Quantize each convolution and linear weight to int8 " +
        "(sbyte) with a float32 scale per output channel, keep the biases in float32, and Submit a module whose " +
        "state holds conv1.weight (int8), conv1.scale, conv1.bias, … fc2.bias. The judge sums the bytes of the " +
        "submitted tensors (compression_ratio ≥ 3 against the float32 network) and runs its own dequantised copy " +
        "on 2,000 held-out digits: accuracy_drop against the float32 network at most 0.01.";

    public override ExerciseParameters Defaults => new(Epochs: 1, LearningRate: 0.001, BatchSize: 64, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 5, 1e-5, 0.05, MinBatchSize: 16, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("compression_ratio", Minimum: 3), new("accuracy_drop", Maximum: 0.01)];
}
