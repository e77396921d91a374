using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises;

/// <summary>
/// An exercise whose user code trains on the MNIST training digits and whose judge holds the held-out
/// ones: the data of both the cnn and the gan exercises, which differ in what they ask for and in their judges.
/// </summary>
public sealed class DigitsExercise(ExerciseDescription description, Func<DigitRecords, DigitRecords, ExerciseJudge> createJudge) : Exercise
{
    public override ExerciseDescription Description { get; } = description;

    public override IReadOnlyList<string> DataFiles => [MnistFile.FileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(RequireFile(dataFiles, MnistFile.FileName)));
        return createJudge(train, test);
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        MnistFile.Read(RequireFile(trainingFiles, MnistFile.FileName)).ToTensors();
}
