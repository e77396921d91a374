using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Catalog.Transfer;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Transfer;

/// <summary>Fine-tune a backbone pretrained on the digits 0–4 to classify 5–9 from 50 labelled images a digit.</summary>
public sealed class TransferExercise : Exercise
{
    /// <summary>The jail's training file: the few labelled digits 5–9, in the <see cref="MnistFile"/> format.</summary>
    public const string TrainingFileName = "transfer-digits.bin";

    /// <summary>The first digit of the new task: class c is the digit <see cref="FirstDigit"/> + c.</summary>
    public const int FirstDigit = DigitBackbone.Classes;

    private const int SelectionSeed = 20_261_126;

    public override ExerciseDescription Description => ExerciseCatalog.Transfer;

    public override IReadOnlyList<string> DataFiles => [MnistFile.FileName, DigitBackbone.FileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(RequireFile(dataFiles, MnistFile.FileName)));
        return new TransferJudge(train.Select(FewPerDigit(train)), HeldOutPool(train, test), RequireFile(dataFiles, DigitBackbone.FileName));
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles)
    {
        var digits = MnistFile.Read(RequireFile(trainingFiles, TrainingFileName)).ToTensors();
        return new TransferData(new DigitTensors(digits.Images, digits.Labels - FirstDigit), RequireFile(trainingFiles, DigitBackbone.FileName));
    }

    /// <summary>
    /// The digits 5–9 a run's held-out digits are drawn from: those of both splits but the labelled
    /// training ones, about 4,700, none of which the backbone (trained on 0–4) or the jail has seen.
    /// </summary>
    public static DigitRecords HeldOutPool(DigitRecords train, DigitRecords test)
    {
        var unused = Enumerable.Range(0, train.Count).Except(FewPerDigit(train)).ToArray();
        return train.Select(unused).Concat(test).Where(label => label >= FirstDigit);
    }

    /// <summary>
    /// The indices in <paramref name="train"/> of the labelled training digits: the same
    /// <see cref="TransferRules.ImagesPerDigit"/> of each digit 5–9 for every run.
    /// </summary>
    public static int[] FewPerDigit(DigitRecords train)
    {
        var chosen = new List<int>();
        var random = new Random(SelectionSeed);
        for (var digit = FirstDigit; digit < 10; digit++)
        {
            var candidates = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == digit).ToArray();
            random.Shuffle(candidates);
            chosen.AddRange(candidates.Take(TransferRules.ImagesPerDigit));
        }
        var order = chosen.ToArray();
        random.Shuffle(order);
        return order;
    }
}
