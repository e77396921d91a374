using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Prune;

/// <summary>Counts the zeros among the submitted network's weights and measures its held-out accuracy.</summary>
internal sealed class PruneJudge(DigitRecords train, DigitRecords test, byte[] pretrained)
    : CompressionJudge(new Dictionary<string, byte[]> { [MnistFile.FileName] = train.ToFile() }, test, pretrained)
{
    protected override Task MeasureAsync(
        ModelState state, DigitNetWeights submitted, Dictionary<string, double> metrics, JudgeTools tools, CancellationToken cancellationToken)
    {
        RequireShapeOfPretrained(submitted);
        metrics["sparsity"] = (double)submitted.ZeroWeights / submitted.WeightCount;
        return Task.CompletedTask;
    }
}
