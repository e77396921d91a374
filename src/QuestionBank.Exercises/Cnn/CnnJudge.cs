using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Cnn;

/// <summary>
/// Shows the classifier the held-out images in a secret order, without their labels, and counts
/// the predictions that match.
/// </summary>
internal sealed class CnnJudge(MnistRecords train, MnistRecords test) : ExerciseJudge
{
    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } =
        new Dictionary<string, byte[]> { [MnistDigits.FileName] = train.ToFile() };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var predictions = await DigitQuestions.PredictAsync(tools.Model, test, 10, cancellationToken);
        var correct = Enumerable.Range(0, test.Count).Count(i => predictions[i] == test.Labels[i]);
        return new JudgeVerdict(new Dictionary<string, double> { ["test_accuracy"] = (double)correct / test.Count }, []);
    }
}
