using QuestionBank.Exercises.Imaging;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Words;

/// <summary>
/// Shows the classifier the held-out words' letter codes in a secret order, without their
/// languages, counts the predictions that match and draws the confusion matrix.
/// </summary>
internal sealed class WordLanguageJudge(IReadOnlyList<LabelledWord> train, IReadOnlyList<LabelledWord> test) : ExerciseJudge
{
    private const int BatchSize = 500;

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } =
        new Dictionary<string, byte[]> { [WordList.FileName] = WordList.Write(train) };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var languages = WordList.Languages.Count;
        var shuffled = test.ToArray();
        SecretRandom.Create().Shuffle(shuffled);
        var confusion = new int[languages, languages];
        var correct = 0;
        foreach (var batch in shuffled.Chunk(BatchSize))
        {
            var input = new FloatTensor(LetterCodes.Encode(batch), [batch.Length, LetterCodes.MaxLength]);
            var scores = (await tools.Model.ForwardAsync(input, cancellationToken)).Expect("classifier", batch.Length, languages);
            for (var i = 0; i < batch.Length; i++)
            {
                var predicted = SecretRandom.ArgMax(scores.Data.AsSpan(i * languages, languages));
                confusion[batch[i].Language, predicted]++;
                if (predicted == batch[i].Language)
                {
                    correct++;
                }
            }
        }
        return new JudgeVerdict(
            new Dictionary<string, double> { ["test_accuracy"] = (double)correct / test.Count },
            [new JudgeImage("confusion.png", ConfusionMatrix.Render(confusion))]);
    }
}
