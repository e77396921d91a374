using System.Runtime.InteropServices;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>
/// The compression exercises' evaluator in the jail: it runs a network given by its (already checked)
/// weights in a process that runs no user code. The pretrained DigitNet is one of
/// <see cref="TrustedJobs.TrainedOnFirstUse"/>.
/// </summary>
public sealed class DigitNetworks(TrustedJobs trusted) : IDigitNetworkEvaluator
{
    public async Task<float[]> ScoresAsync(DigitNetwork network, float[] pixels, int count, CancellationToken cancellationToken)
    {
        var artifact = await trusted.RunAsync(RunnerMode.ScoreDigitNet, new Dictionary<string, byte[]>
        {
            [JobRunner.NetworkFileName] = network.Weights.ToBytes(),
            [JobRunner.DigitImagesFileName] = MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray(),
        }, cancellationToken);
        var scores = RunnerMessage.DecodeFloats(artifact.Data!);
        return scores.Length == count * 10
            ? scores
            : throw new InvalidOperationException($"The digit network evaluator returned {scores.Length} scores for {count} digits.");
    }
}
