using QuestionBank.Exercises.Cnn;
using QuestionBank.Exercises.Distill;
using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Lstm;
using QuestionBank.Exercises.Prune;
using QuestionBank.Exercises.Quantize;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Exercises.Words;

namespace QuestionBank.Exercises;

/// <summary>The data and judge of every exercise in <see cref="ExerciseCatalog"/>, by id.</summary>
public static class ExerciseRegistry
{
    public static IReadOnlyList<Exercise> All { get; } =
        [
            new CnnExercise(), new LstmExercise(), new GanExercise(), new DqnExercise(),
            new WordLanguageExercise(ExerciseCatalog.Transformer), new WordLanguageExercise(ExerciseCatalog.RnnClassify), new TransferExercise(),
            new PruneExercise(), new QuantizeExercise(), new DistillExercise(),
        ];

    public static Exercise? Find(string id) =>
        All.FirstOrDefault(exercise => string.Equals(exercise.Id, id, StringComparison.OrdinalIgnoreCase));
}
