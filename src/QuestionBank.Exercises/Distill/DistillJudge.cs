using QuestionBank.Exercises.Catalog.Distill;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Distill;

/// <summary>
/// Hands the jail the labels of only <see cref="DistillRules.LabelledCount"/> training digits (the rest
/// come without labels, for the teacher to label), counts the student's parameters against the
/// teacher's and measures the student's held-out accuracy.
/// </summary>
internal sealed class DistillJudge(DigitRecords train, DigitRecords test, byte[] pretrained) : CompressionJudge(Split(train), test, pretrained)
{
    private static Dictionary<string, byte[]> Split(DigitRecords train)
    {
        var indices = Enumerable.Range(0, train.Count).ToArray();
        return new Dictionary<string, byte[]>
        {
            [MnistFile.FileName] = train.Select(indices.AsSpan(0, DistillRules.LabelledCount)).ToFile(),
            [PretrainedDigits.UnlabelledFileName] = train.Select(indices.AsSpan(DistillRules.LabelledCount)).WithoutLabels().ToFile(),
        };
    }

    protected override Task MeasureAsync(
        ModelState state, DigitNetWeights submitted, Dictionary<string, double> metrics, JudgeTools tools, CancellationToken cancellationToken)
    {
        metrics["parameters"] = submitted.ParameterCount;
        metrics["parameter_ratio"] = (double)submitted.ParameterCount / Pretrained.ParameterCount;
        return Task.CompletedTask;
    }
}
