using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Dqn;

/// <summary>Balance a pole on a cart with a deep Q-network.</summary>
public sealed class DqnExercise : Exercise
{
    public override ExerciseDescription Description => ExerciseCatalog.Dqn;

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles) => new DqnJudge();

    public override object? LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) => null;
}
