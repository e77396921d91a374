using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Dqn;

/// <summary>Balance a pole on a cart with a deep Q-network, under a twist of the observations and actions drawn for each run.</summary>
public sealed class DqnExercise : Exercise
{
    public override ExerciseDescription Description => ExerciseCatalog.Dqn;

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles) => new DqnJudge(CartPoleTwist.DrawSecret());

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        CartPoleTwist.Read(RequireFile(trainingFiles, CartPoleTwist.FileName));
}
