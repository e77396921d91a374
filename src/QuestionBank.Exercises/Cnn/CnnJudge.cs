using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Cnn;

/// <summary>
/// Hands the jail the training digits under the run's secret <see cref="LabelPermutation"/>, shows the
/// classifier the held-out images distorted for the run (<see cref="HeldOutDigits"/>), in a secret order
/// and without their labels, and counts the predictions that match their labels under the same permutation.
/// </summary>
internal sealed class CnnJudge : ExerciseJudge
{
    private readonly DigitRecords test;
    private readonly LabelPermutation permutation = LabelPermutation.DrawSecret(10);

    public CnnJudge(DigitRecords train, DigitRecords test)
    {
        this.test = test;
        TrainingFiles = new Dictionary<string, byte[]> { [MnistFile.FileName] = train.Relabel(label => (byte)permutation.Shown(label)).ToFile() };
    }

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; }

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var predictions = await DigitQuestions.PredictAsync(tools.Model, HeldOutDigits.Distort(test, SecretRandom.Create()), 10, cancellationToken);
        var correct = Enumerable.Range(0, test.Count).Count(i => predictions[i] == permutation.Shown(test.Labels[i]));
        return new JudgeVerdict(new Dictionary<string, double> { ["test_accuracy"] = (double)correct / test.Count }, []);
    }
}
