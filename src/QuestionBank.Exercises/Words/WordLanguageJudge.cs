using QuestionBank.Contracts;
using QuestionBank.Exercises.Imaging;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Words;

/// <summary>
/// Hands the jail the training words under the run's secret <see cref="LabelPermutation"/> of the
/// languages; shows the classifier the letter codes of held-out words drawn for the run from the pool in a secret order, without their
/// languages, counts the predictions that match their languages under the same permutation and draws
/// the confusion matrix in the languages' own names.
/// </summary>
internal sealed class WordLanguageJudge : ExerciseJudge
{
    private const int BatchSize = 500;
    private readonly IReadOnlyList<LabelledWord> test;
    private readonly LabelPermutation permutation = LabelPermutation.DrawSecret(WordList.Languages.Count);

    public WordLanguageJudge(IReadOnlyList<LabelledWord> train, IReadOnlyList<LabelledWord> test)
    {
        this.test = test;
        TrainingFiles = new Dictionary<string, byte[]>
        {
            [WordList.FileName] = WordList.Write(train.Select(word => word with { Language = permutation.Shown(word.Language) })),
        };
    }

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; }

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
            var scores = (await tools.Model.ForwardAsync(input, cancellationToken)).Expect(RunMessages.ClassifierShape, batch.Length, languages);
            for (var i = 0; i < batch.Length; i++)
            {
                var predicted = permutation.Original(SecretRandom.ArgMax(scores.Data.AsSpan(i * languages, languages)));
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
