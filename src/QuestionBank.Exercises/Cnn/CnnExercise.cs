using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Cnn;

/// <summary>Classify handwritten digits with a convolutional network.</summary>
public sealed class CnnExercise : Exercise
{
    public override ExerciseDescription Description => ExerciseCatalog.Cnn;

    public override IReadOnlyList<string> DataFiles => [MnistDigits.FileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, test) = MnistDigits.Split(MnistDigits.Read(RequireFile(dataFiles, MnistDigits.FileName)));
        return new CnnJudge(train, test);
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        MnistDigits.Read(RequireFile(trainingFiles, MnistDigits.FileName)).ToTensors();
}
