using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Cnn;
using QuestionBank.Exercises.Compression;
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
            new DigitsExercise(ExerciseCatalog.Cnn, (train, test) => new CnnJudge(train, test)),
            new LstmExercise(),
            new DigitsExercise(ExerciseCatalog.Gan, (train, test) => new GanJudge(train, train.Concat(test))),
            new DqnExercise(),
            new WordLanguageExercise(ExerciseCatalog.Transformer), new WordLanguageExercise(ExerciseCatalog.RnnClassify), new TransferExercise(),
            new CompressionExercise(ExerciseCatalog.Prune, (train, test, pretrained) => new PruneJudge(train, test, pretrained)),
            new CompressionExercise(ExerciseCatalog.Quantize, (train, test, pretrained) => new QuantizeJudge(train, test, pretrained)),
            new CompressionExercise(ExerciseCatalog.Distill, (train, test, pretrained) => new DistillJudge(train, test, pretrained)),
        ];

    public static Exercise? Find(string id) =>
        All.FirstOrDefault(exercise => string.Equals(exercise.Id, id, StringComparison.OrdinalIgnoreCase));
}
