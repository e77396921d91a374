using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Cnn;

/// <summary>
/// Shows the classifier the held-out images in a secret order, without their labels, and counts
/// the predictions that match.
/// </summary>
internal sealed class CnnJudge(MnistRecords train, MnistRecords test) : ExerciseJudge
{
    private const int BatchSize = 500;

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } =
        new Dictionary<string, byte[]> { [MnistDigits.FileName] = train.ToFile() };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, test.Count).ToArray();
        SecretRandom.Create().Shuffle(order);
        var correct = 0;
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, order.Length - start);
            var pixels = new float[count * MnistDigits.PixelsPerImage];
            for (var i = 0; i < count; i++)
            {
                var image = test.Image(order[start + i]);
                for (var p = 0; p < image.Length; p++)
                {
                    pixels[i * MnistDigits.PixelsPerImage + p] = image[p] / 255f;
                }
            }
            var input = new FloatTensor(pixels, [count, 1, MnistDigits.ImageSize, MnistDigits.ImageSize]);
            var scores = (await tools.Model.ForwardAsync(input, cancellationToken)).Expect("classifier", count, 10);
            for (var i = 0; i < count; i++)
            {
                if (SecretRandom.ArgMax(scores.Data.AsSpan(i * 10, 10)) == test.Labels[order[start + i]])
                {
                    correct++;
                }
            }
        }
        return new JudgeVerdict(new Dictionary<string, double> { ["test_accuracy"] = (double)correct / test.Count }, []);
    }
}
