using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Gan;

/// <summary>Generate handwritten digits with a generative adversarial network.</summary>
public sealed class GanExercise : Exercise
{
    public override ExerciseDescription Description => ExerciseCatalog.Gan;

    public override IReadOnlyList<string> DataFiles => [MnistDigits.FileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, _) = MnistDigits.Split(MnistDigits.Read(RequireFile(dataFiles, MnistDigits.FileName)));
        return new GanJudge(train);
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        MnistDigits.Read(RequireFile(trainingFiles, MnistDigits.FileName)).ToTensors();
}
