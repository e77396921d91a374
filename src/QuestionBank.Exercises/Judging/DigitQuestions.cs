namespace QuestionBank.Exercises.Judging;

/// <summary>
/// Shows a classifier held-out digits in a secret order, in batches, without their labels, and
/// checks its answers against the labels it keeps.
/// </summary>
internal static class DigitQuestions
{
    private const int BatchSize = 500;

    /// <summary>
    /// The predicted class of each of <paramref name="test"/>'s digits (by index), from the model's
    /// [count, <paramref name="classes"/>] scores.
    /// </summary>
    /// <exception cref="JudgeException">The model answered with another shape.</exception>
    public static async Task<int[]> PredictAsync(IModelClient model, MnistRecords test, int classes, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, test.Count).ToArray();
        SecretRandom.Create().Shuffle(order);
        var predictions = new int[test.Count];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, order.Length - start);
            var input = new FloatTensor(test.Select(order.AsSpan(start, count)).Pixels(), [count, 1, MnistDigits.ImageSize, MnistDigits.ImageSize]);
            var scores = (await model.ForwardAsync(input, cancellationToken)).Expect("classifier", count, classes);
            for (var i = 0; i < count; i++)
            {
                predictions[order[start + i]] = SecretRandom.ArgMax(scores.Data.AsSpan(i * classes, classes));
            }
        }
        return predictions;
    }
}
