using System.Runtime.InteropServices;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>
/// The GAN judge's digit classifier, trained once per data directory and applied in the jail, in
/// runner modes that load no user code.
/// </summary>
public sealed class DigitClassifier(TrustedJobs trusted) : IDigitClassifier
{
    public async Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken)
    {
        var weights = await trusted.EnsureTrainedAsync(JudgeClassifier.FileName, RunnerMode.TrainJudge, cancellationToken);
        var artifact = await trusted.RunAsync(RunnerMode.ClassifyDigits, new Dictionary<string, byte[]>
        {
            [JudgeClassifier.FileName] = weights,
            [JobRunner.DigitImagesFileName] = MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray(),
        }, cancellationToken);
        var probabilities = RunnerMessage.DecodeFloats(artifact.Data!);
        return probabilities.Length == count * 10
            ? probabilities
            : throw new InvalidOperationException($"The judge classifier returned {probabilities.Length} probabilities for {count} digits.");
    }
}
