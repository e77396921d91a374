using QuestionBank.Exercises.Imaging;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Transfer;

/// <summary>
/// Hands the jail the few labelled digits 5–9, under the run's secret <see cref="LabelPermutation"/> of
/// the five classes, and the pretrained backbone; shows the classifier the held-out digits 5–9 distorted
/// for the run (<see cref="HeldOutDigits"/>), in a secret order and without their labels, counts the
/// answers that match their labels under the same permutation and draws the digits it got wrong.
/// </summary>
internal sealed class TransferJudge : ExerciseJudge
{
    private readonly MnistRecords test;
    private readonly LabelPermutation permutation = LabelPermutation.DrawSecret(DigitBackbone.Classes);

    public TransferJudge(MnistRecords train, MnistRecords test, byte[] backboneWeights)
    {
        this.test = test;
        TrainingFiles = new Dictionary<string, byte[]>
        {
            [TransferExercise.TrainingFileName] = train.Relabel(Shown).ToFile(),
            [DigitBackbone.FileName] = backboneWeights,
        };
    }

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; }

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var pixels = HeldOutDigits.Distort(test, SecretRandom.Create());
        var predictions = await DigitQuestions.PredictAsync(tools.Model, pixels, DigitBackbone.Classes, cancellationToken);
        var wrong = Enumerable.Range(0, test.Count).Where(i => predictions[i] + TransferExercise.FirstDigit != Shown(test.Labels[i])).ToArray();
        var wrongPixels = wrong.SelectMany(i => pixels.AsSpan(i * MnistDigits.PixelsPerImage, MnistDigits.PixelsPerImage).ToArray()).ToArray();
        return new JudgeVerdict(
            new Dictionary<string, double> { ["test_accuracy"] = 1 - (double)wrong.Length / test.Count },
            [new JudgeImage("mistakes.png", DigitGrid.Render(wrongPixels))]);
    }

    /// <summary>The digit 5–9 that the jail is shown for <paramref name="digit"/>.</summary>
    private byte Shown(byte digit) => (byte)(TransferExercise.FirstDigit + permutation.Shown(digit - TransferExercise.FirstDigit));
}
