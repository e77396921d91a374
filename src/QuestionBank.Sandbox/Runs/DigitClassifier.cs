using System.Runtime.InteropServices;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>The GAN judge's digit classifier: a trusted model, applied in the jail in a runner mode that loads no user code.</summary>
public sealed class DigitClassifier(TrustedModels models) : IDigitClassifier
{
    public async Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken)
    {
        var weights = await models.GetAsync(JudgeClassifier.FileName, cancellationToken);
        var artifact = await models.RunAsync(RunnerMode.ClassifyDigits, JudgeClassifier.FileName, new Dictionary<string, byte[]>
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
