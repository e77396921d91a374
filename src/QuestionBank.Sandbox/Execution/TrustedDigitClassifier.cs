using QuestionBank.Contracts;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// The GAN judge's digit classifier, trained once per data directory and applied in the jail, in
/// runner modes that load no user code.
/// </summary>
public sealed class TrustedDigitClassifier(TrustedJobs trusted) : IDigitClassifier
{
    public async Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken)
    {
        var weights = await trusted.EnsureTrainedAsync(JudgeClassifier.FileName, RunnerMode.TrainJudge, cancellationToken);
        return await trusted.ApplyToDigitsAsync(RunnerMode.ClassifyDigits, JudgeClassifier.FileName, weights, pixels, count, cancellationToken);
    }
}
