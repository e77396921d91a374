using System.Runtime.InteropServices;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>
/// The compression exercises' trusted side in the jail: the pretrained DigitNet, trained once per
/// data directory, and the evaluator that runs a network given by its (already checked) weights
/// in a process that runs no user code.
/// </summary>
public sealed class DigitNetworks(TrustedJobs trusted) : IDigitNetworkEvaluator
{
    public Task<byte[]> PretrainedAsync(CancellationToken cancellationToken) =>
        trusted.EnsureTrainedAsync(DigitNet.PretrainedFileName, RunnerMode.TrainDigitNet, cancellationToken);

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
