using QuestionBank.Contracts;

namespace QuestionBank.Exercises.Judging;

/// <summary>
/// Shows a classifier held-out digits (as the run distorts them, <see cref="HeldOutDigits"/>) in a
/// secret order, in batches, without their labels.
/// </summary>
internal static class DigitQuestions
{
    private const int BatchSize = 500;

    /// <summary>
    /// The predicted class of each digit of <paramref name="pixels"/> ([count, 784]; by index), from the
    /// model's [count, <paramref name="classes"/>] scores.
    /// </summary>
    /// <exception cref="JudgeException">The model answered with another shape.</exception>
    public static async Task<int[]> PredictAsync(IModelClient model, float[] pixels, int classes, CancellationToken cancellationToken)
    {
        var total = pixels.Length / MnistFile.PixelsPerImage;
        var order = Enumerable.Range(0, total).ToArray();
        SecretRandom.Create().Shuffle(order);
        var predictions = new int[total];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, order.Length - start);
            var batch = new float[count * MnistFile.PixelsPerImage];
            for (var i = 0; i < count; i++)
            {
                pixels.AsSpan(order[start + i] * MnistFile.PixelsPerImage, MnistFile.PixelsPerImage).CopyTo(batch.AsSpan(i * MnistFile.PixelsPerImage));
            }
            var input = new FloatTensor(batch, [count, 1, MnistFile.ImageSize, MnistFile.ImageSize]);
            var scores = (await model.ForwardAsync(input, cancellationToken)).Expect(RunMessages.ClassifierShape, count, classes);
            for (var i = 0; i < count; i++)
            {
                predictions[order[start + i]] = SecretRandom.ArgMax(scores.Data.AsSpan(i * classes, classes));
            }
        }
        return predictions;
    }
}
