using System.Runtime.InteropServices;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Lstm;

/// <summary>Forecast the next value of a seasonal time series with an LSTM.</summary>
public sealed class LstmExercise : Exercise
{
    public override ExerciseDescription Description => ExerciseCatalog.Lstm;

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles) =>
        new LstmJudge(SeasonalSeries.Generate(SecretRandom.Create()));

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        new SeriesData(MemoryMarshal.Cast<byte, float>(RequireFile(trainingFiles, LstmJudge.FileName)).ToArray(), SeasonalSeries.Window);
}
