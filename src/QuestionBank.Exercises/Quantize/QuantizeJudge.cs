using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Quantize;

/// <summary>
/// Compares the bytes of the submitted state with the float32 network's, and the held-out accuracy
/// of its dequantised weights with the float32 network's, both measured here.
/// </summary>
internal sealed class QuantizeJudge(DigitRecords train, DigitRecords test, byte[] pretrained)
    : CompressionJudge(new Dictionary<string, byte[]> { [MnistFile.FileName] = train.ToFile() }, test, pretrained)
{
    protected override async Task MeasureAsync(
        ModelState state, DigitNetWeights submitted, Dictionary<string, double> metrics, JudgeTools tools, CancellationToken cancellationToken)
    {
        RequireShapeOfPretrained(submitted);
        var floatAccuracy = await Pretrained.AccuracyAsync(tools.Networks, Test, cancellationToken);
        metrics["float_accuracy"] = floatAccuracy;
        metrics["accuracy_drop"] = floatAccuracy - metrics["test_accuracy"];
        metrics["size_bytes"] = state.DataBytes;
        metrics["compression_ratio"] = (double)Pretrained.Weights.DataBytes / state.DataBytes;
    }
}
