using QuestionBank.Contracts;
using QuestionBank.Exercises.Catalog.Transfer;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;
using QuestionBank.Exercises.Transfer;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>The transfer exercise's judge, with a scripted model in place of the jail.</summary>
public sealed class TransferJudgeTests
{
    private static readonly byte[] Mnist = SyntheticDigits.File(10_000);
    private static readonly byte[] Backbone = [1, 2, 3, 4];

    [Fact]
    public void TheJailGetsTheBackboneAndTheSameFiftyTrainingImagesOfEachDigitFiveToNine()
    {
        var first = CreateJudge();
        var second = CreateJudge();

        var training = MnistFile.Read(first.TrainingFiles[TransferExercise.TrainingFileName]);

        Assert.Equal(Backbone, first.TrainingFiles[DigitBackbone.FileName]);
        Assert.Equal(2, first.TrainingFiles.Count);
        Assert.Equal(first.TrainingFiles[TransferExercise.TrainingFileName], second.TrainingFiles[TransferExercise.TrainingFileName]);
        Assert.Equal(Enumerable.Range(5, 5).Select(digit => (digit, 50)),
            training.Labels.ToArray().GroupBy(label => (int)label).Select(group => (group.Key, group.Count())).Order());
        // All of them from the training split: none is a digit the judge holds out.
        var (train, test) = MnistFile.Split(MnistFile.Read(Mnist));
        var trainNumbers = Numbers(train).ToHashSet();
        Assert.All(Numbers(training), number => Assert.Contains(number, trainNumbers));
        Assert.Empty(Numbers(training).Intersect(Numbers(test)));
    }

    [Fact]
    public void TheHeldOutPoolHoldsEveryDigitFiveToNineOfBothSplitsButTheLabelledTrainingOnes()
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(Mnist));
        var training = MnistFile.Read(CreateJudge().TrainingFiles[TransferExercise.TrainingFileName]);

        var pool = TransferExercise.HeldOutPool(train, test);

        var fiveToNine = Numbers(train.Concat(test).Where(label => label >= 5));
        Assert.Equal(fiveToNine.Except(Numbers(training)).Order(), Numbers(pool).Order());
        Assert.Equal(5_000 - 250, pool.Count);
        Assert.All(pool.Labels.ToArray(), label => Assert.InRange(label, 5, 9));
    }

    [Fact]
    public async Task TheJudgeAsksTwoThousandDistortedDigitsFiveToNineWithoutLabelsAndCountsCorrectPredictions()
    {
        var model = new ScriptedModel(images => Scores(images, image => SyntheticDigits.Label(image)));

        var verdict = await CreateJudge().JudgeAsync(model.Tools, CancellationToken.None);

        Assert.Equal(TransferRules.HeldOutCount, model.Questions.Sum(question => question.Shape[0]));
        Assert.All(model.Questions, question => Assert.Equal([question.Shape[0], 1, 28, 28], question.Shape));
        Assert.All(model.Questions, question => Assert.All(question.Data, pixel => Assert.InRange(pixel, 0, 1)));
        // Every digit is drawn from the pool's five digits, about as often as the pool holds them.
        var asked = model.Questions.SelectMany(Labels).CountBy(label => label).ToDictionary();
        Assert.Equal([5, 6, 7, 8, 9], asked.Keys.Order());
        Assert.All(asked.Values, count => Assert.InRange(count, 280, 520));
        Assert.Equal(1.0, verdict.Metrics["test_accuracy"]);
        Assert.Equal("mistakes.png", Assert.Single(verdict.Images).Name);
    }

    [Fact]
    public async Task AModelThatLooksUpTheExactPixelsOfEveryPoolDigitScoresAtChance()
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(Mnist));
        var pool = TransferExercise.HeldOutPool(train, test);
        var pixels = pool.Pixels();
        var table = Enumerable.Range(0, pool.Count).ToDictionary(i => Key(pixels.AsSpan(i * 784, 784)), i => (int)pool.Labels[i]);
        // It knows every digit it can be asked and its label, as they are in the public file.
        var model = new ScriptedModel(images => Scores(images, image => table.GetValueOrDefault(Key(image), 5)));

        var verdict = await CreateJudge().JudgeAsync(model.Tools, CancellationToken.None);

        Assert.InRange(verdict.Metrics["test_accuracy"], 0.1, 0.3);
        Assert.False(ExerciseCatalog.Transfer.MeetsGoals(verdict.Metrics));
    }

    [Fact]
    public async Task TheHeldOutDigitsComeInASecretOrderSoAModelThatRecitesTheirLabelsInFileOrderScoresAtChance()
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(Mnist));
        var labelsInFileOrder = TransferExercise.HeldOutPool(train, test).Labels.ToArray();
        var answered = 0;
        // It knows every held-out label, but not which image is asked when.
        var model = new ScriptedModel(images => Scores(images, _ => labelsInFileOrder[answered++]));

        var verdict = await CreateJudge().JudgeAsync(model.Tools, CancellationToken.None);

        Assert.InRange(verdict.Metrics["test_accuracy"], 0.1, 0.3);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(4)]
    public async Task AClassifierWithAnotherNumberOfClassesCannotBeJudged(int classes)
    {
        var model = new ScriptedModel(images => new FloatTensor(new float[images.Shape[0] * classes], [images.Shape[0], classes]));

        var problem = await Assert.ThrowsAsync<JudgeException>(() => CreateJudge().JudgeAsync(model.Tools, CancellationToken.None));

        Assert.Contains("expected [500, 5]", problem.Message);
    }

    [Fact]
    public async Task AClassifierThatAnswersNotANumberGetsNoCreditForIt()
    {
        var model = new ScriptedModel(images => new FloatTensor(Enumerable.Repeat(float.NaN, images.Shape[0] * 5).ToArray(), [images.Shape[0], 5]));

        var verdict = await CreateJudge().JudgeAsync(model.Tools, CancellationToken.None);

        Assert.InRange(verdict.Metrics["test_accuracy"], 0, 0.3);
        Assert.False(ExerciseCatalog.Transfer.MeetsGoals(verdict.Metrics));
    }

    [Fact]
    public async Task AModelThatNeedsTheLabelsFailsForTheJudgeNeverSendsThem()
    {
        // A forward that expects a label column next to the pixels ([N, 785]) fails in the jail on the judge's [N, 1, 28, 28].
        var model = new ScriptedModel(images => images.Shape is [_, 785]
            ? Scores(images, image => (int)image[^1])
            : throw new JudgeException(RunMessages.ForwardFailed.With($"expected [N, 785], got {images.ShapeText}.")));

        var problem = await Assert.ThrowsAsync<JudgeException>(() => CreateJudge().JudgeAsync(model.Tools, CancellationToken.None));

        Assert.Contains("expected [N, 785]", problem.Message);
        Assert.Single(model.Questions);
    }

    private static ExerciseJudge CreateJudge() => ExerciseRegistry.Find("transfer")!.CreateJudge(new Dictionary<string, byte[]>
    {
        [MnistFile.FileName] = Mnist,
        [DigitBackbone.FileName] = Backbone,
    });

    /// <summary>Scores [N, 5] that put each image's whole weight on the digit (5–9) <paramref name="digitOf"/> names.</summary>
    private static FloatTensor Scores(FloatTensor images, Func<float[], int> digitOf)
    {
        var count = images.Shape[0];
        var size = images.Data.Length / count;
        var scores = new float[count * 5];
        for (var i = 0; i < count; i++)
        {
            scores[i * 5 + digitOf(images.Data[(i * size)..((i + 1) * size)]) - 5] = 1;
        }
        return new FloatTensor(scores, [count, 5]);
    }

    private static string Key(ReadOnlySpan<float> image) => Convert.ToHexString(System.Runtime.InteropServices.MemoryMarshal.AsBytes(image));

    private static IEnumerable<int> Labels(FloatTensor images) =>
        Enumerable.Range(0, images.Shape[0]).Select(i => SyntheticDigits.Label(images.Data.AsSpan(i * 784, 784)));

    /// <summary>The numbers that tell each synthetic digit apart.</summary>
    private static IEnumerable<int> Numbers(DigitRecords digits) =>
        Enumerable.Range(0, digits.Count).Select(i => digits.Image(i)[1] | digits.Image(i)[2] << 8);

}
