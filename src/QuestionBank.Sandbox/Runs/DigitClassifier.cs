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
        return await trusted.ApplyToDigitsAsync(RunnerMode.ClassifyDigits, JudgeClassifier.FileName, weights, pixels, count, cancellationToken);
    }
}
