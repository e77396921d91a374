using QuestionBank.Exercises.Imaging;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Transfer;

/// <summary>
/// Hands the jail the few labelled digits 5–9 and the pretrained backbone; shows the classifier the
/// held-out digits 5–9 in a secret order, without their labels, counts the right answers and draws
/// the digits it got wrong.
/// </summary>
internal sealed class TransferJudge(MnistRecords train, MnistRecords test, byte[] backboneWeights) : ExerciseJudge
{
    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } = new Dictionary<string, byte[]>
    {
        [TransferExercise.TrainingFileName] = train.ToFile(),
        [DigitBackbone.FileName] = backboneWeights,
    };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var predictions = await DigitQuestions.PredictAsync(tools.Model, test.Pixels(), DigitBackbone.Classes, cancellationToken);
        var wrong = Enumerable.Range(0, test.Count).Where(i => predictions[i] + TransferExercise.FirstDigit != test.Labels[i]).ToArray();
        return new JudgeVerdict(
            new Dictionary<string, double> { ["test_accuracy"] = 1 - (double)wrong.Length / test.Count },
            [new JudgeImage("mistakes.png", DigitGrid.Render(test.Select(wrong).Pixels()))]);
    }
}
