using QuestionBank.Contracts;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// The compression exercises' evaluator in the jail: it runs a network given by its (already checked)
/// weights in a process that runs no user code. The pretrained DigitNet is one of
/// <see cref="TrustedJobs.TrainedOnFirstUse"/>.
/// </summary>
public sealed class TrustedDigitNetScorer(TrustedJobs trusted) : IDigitNetScorer
{
    public Task<float[]> ScoresAsync(DigitNetWeights network, float[] pixels, int count, CancellationToken cancellationToken) =>
        trusted.ApplyToDigitsAsync(RunnerMode.ScoreDigitNet, RunnerHost.NetworkFileName, network.Weights.ToBytes(), pixels, count, cancellationToken);
}
