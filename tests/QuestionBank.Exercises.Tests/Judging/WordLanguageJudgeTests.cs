using System.Text;
using QuestionBank.Exercises.Judging;
using QuestionBank.Exercises.Words;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>The judge that the transformer and rnn-classify exercises share, with a scripted model in place of the jail.</summary>
public sealed class WordLanguageJudgeTests
{
    // Synthetic words whose first letter gives their language away ("a…" English, "b…" German, …),
    // so a perfect model is easy to write: letter code 1 is "a". The other letters count in base 26.
    private static readonly byte[] Words = Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(0, 7).SelectMany(language => Enumerable.Range(0, 2600).Select(i =>
            $"{language}\t{(char)('a' + language)}{(char)('a' + i / 676)}{(char)('a' + i / 26 % 26)}{(char)('a' + i % 26)}\n"))));

    [Theory]
    [InlineData("transformer")]
    [InlineData("rnn-classify")]
    public async Task TheJudgeShowsHeldOutLetterCodesWithoutLanguagesAndCountsPredictionsUnderTheRunsLabels(string id)
    {
        var judge = ExerciseRegistry.Find(id)!.CreateJudge(new Dictionary<string, byte[]> { [WordList.FileName] = Words });
        var training = WordList.Read(judge.TrainingFiles[WordList.FileName]);
        // What the training words teach: the label each language (the first letter) goes by in this run.
        var shown = training.DistinctBy(word => word.Text[0]).ToDictionary(word => word.Text[0] - 'a', word => word.Language);
        var model = new ScriptedModel(codes => Scores(codes, code => shown[(int)code - 1]));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        Assert.All(training.CountBy(word => word.Language), count => Assert.Equal(2000, count.Value));
        Assert.Equal(3500, model.Questions.Sum(question => question.Shape[0]));
        Assert.All(model.Questions, question => Assert.Equal(16, question.Shape[1]));
        // No held-out word reaches the jail.
        var asked = model.Questions.SelectMany(Rows).ToHashSet();
        Assert.DoesNotContain(training, word => asked.Contains(Row(word.Text)));
        Assert.Equal(1.0, verdict.Metrics["test_accuracy"]);
        Assert.Equal("confusion.png", Assert.Single(verdict.Images).Name);
    }

    [Fact]
    public async Task EachRunDrawsItsHeldOutWordsFromThePoolWhileTheTrainingWordsStayTheSame()
    {
        var words = ExerciseRegistry.Find("transformer")!;
        var asked = new List<HashSet<string>>();
        IReadOnlyList<LabelledWord>? firstTraining = null;
        for (var run = 0; run < 2; run++)
        {
            var judge = words.CreateJudge(new Dictionary<string, byte[]> { [WordList.FileName] = Words });
            var model = new ScriptedModel(codes => Scores(codes, _ => 0));
            await judge.JudgeAsync(model.Tools, CancellationToken.None);
            var training = WordList.Read(judge.TrainingFiles[WordList.FileName]);
            firstTraining ??= training;
            Assert.Equal(firstTraining.Select(word => word.Text), training.Select(word => word.Text));
            asked.Add(model.Questions.SelectMany(Rows).ToHashSet());
        }

        // 500 of each language's 600 pool words: the two runs share most, not all.
        Assert.InRange(asked[0].Intersect(asked[1]).Count(), 2000, 3400);
    }

    [Fact]
    public async Task AModelThatKnowsEveryHeldOutWordsLanguageButNotTheRunsLabelsScoresNothing()
    {
        var judge = ExerciseRegistry.Find("transformer")!.CreateJudge(new Dictionary<string, byte[]> { [WordList.FileName] = Words });

        var verdict = await judge.JudgeAsync(new ScriptedModel(codes => Scores(codes, code => (int)code - 1)).Tools, CancellationToken.None);

        Assert.All(WordList.Read(judge.TrainingFiles[WordList.FileName]), word => Assert.NotEqual(word.Text[0] - 'a', word.Language));
        Assert.Equal(0, verdict.Metrics["test_accuracy"]);
    }

    [Fact]
    public async Task AModelThatAlwaysAnswersOneLanguageScoresOneSeventh()
    {
        var judge = ExerciseRegistry.Find("rnn-classify")!.CreateJudge(new Dictionary<string, byte[]> { [WordList.FileName] = Words });

        var verdict = await judge.JudgeAsync(new ScriptedModel(codes => Scores(codes, _ => 3)).Tools, CancellationToken.None);

        Assert.Equal(1.0 / 7, verdict.Metrics["test_accuracy"], 6);
    }

    [Fact]
    public void LettersAreCodedFromOneWithPaddingZeroAndUnknownLettersSharingTheLastCode()
    {
        var codes = new float[16];

        LetterCodes.Encode("abzßœж", codes);

        Assert.Equal([1, 2, 26, 27, LetterCodes.VocabularySize - 2, LetterCodes.VocabularySize - 1, 0], codes[..7]);
    }

    [Fact]
    public void AWordListWithTooFewWordsOfALanguageIsRejected() =>
        Assert.Throws<InvalidDataException>(() => WordList.Split(WordList.Read(Encoding.UTF8.GetBytes("0\tword\n1\twort\n"))));

    private static FloatTensor Scores(FloatTensor codes, Func<float, int> languageOfFirstCode)
    {
        var count = codes.Shape[0];
        var scores = new float[count * 7];
        for (var i = 0; i < count; i++)
        {
            scores[i * 7 + languageOfFirstCode(codes.Data[i * 16])] = 1;
        }
        return new FloatTensor(scores, [count, 7]);
    }

    private static IEnumerable<string> Rows(FloatTensor codes) =>
        Enumerable.Range(0, codes.Shape[0]).Select(i => string.Join(',', codes.Data.AsSpan(i * 16, 16).ToArray()));

    private static string Row(string word)
    {
        var codes = new float[16];
        LetterCodes.Encode(word, codes);
        return string.Join(',', codes);
    }
}
