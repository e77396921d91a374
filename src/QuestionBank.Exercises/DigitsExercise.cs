using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises;

/// <summary>
/// An exercise whose user code trains on the MNIST training digits and whose judge holds the held-out
/// ones: the data of both the cnn and the gan exercises, which differ in what they ask for and in their judges.
/// </summary>
public sealed class DigitsExercise(ExerciseDescription description, Func<MnistRecords, MnistRecords, ExerciseJudge> createJudge) : Exercise
{
    public override ExerciseDescription Description { get; } = description;

    public override IReadOnlyList<string> DataFiles => [MnistDigits.FileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, test) = MnistDigits.Split(MnistDigits.Read(RequireFile(dataFiles, MnistDigits.FileName)));
        return createJudge(train, test);
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        MnistDigits.Read(RequireFile(trainingFiles, MnistDigits.FileName)).ToTensors();
}
