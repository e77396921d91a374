using QuestionBank.Exercises.Catalog.Transfer;
using QuestionBank.Exercises.Imaging;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Transfer;

/// <summary>
/// Hands the jail the few labelled digits 5–9 and the pretrained backbone; shows the classifier
/// <see cref="TransferRules.HeldOutCount"/> digits drawn for the run from the
/// <see cref="TransferExercise.HeldOutPool"/> and distorted for it (<see cref="HeldOutDigits"/>), in a
/// secret order and without their labels, counts the right answers and draws the digits it got wrong.
/// </summary>
internal sealed class TransferJudge(DigitRecords train, DigitRecords pool, byte[] backboneWeights) : ExerciseJudge
{
    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } = new Dictionary<string, byte[]>
    {
        [TransferExercise.TrainingFileName] = train.ToFile(),
        [DigitBackbone.FileName] = backboneWeights,
    };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var random = SecretRandom.Create();
        var drawn = Enumerable.Range(0, pool.Count).ToArray();
        random.Shuffle(drawn);
        var asked = pool.Select(drawn.AsSpan(0, Math.Min(TransferRules.HeldOutCount, pool.Count)));
        var pixels = HeldOutDigits.Distort(asked, random);
        var predictions = await DigitQuestions.PredictAsync(tools.Model, pixels, DigitBackbone.Classes, cancellationToken);
        var wrong = Enumerable.Range(0, asked.Count).Where(i => predictions[i] + TransferExercise.FirstDigit != asked.Labels[i]).ToArray();
        var wrongPixels = wrong.SelectMany(i => pixels.AsSpan(i * MnistFile.PixelsPerImage, MnistFile.PixelsPerImage).ToArray()).ToArray();
        return new JudgeVerdict(
            new Dictionary<string, double> { ["test_accuracy"] = 1 - (double)wrong.Length / asked.Count },
            [new JudgeImage("mistakes.png", DigitGrid.Render(wrongPixels))]);
    }
}
