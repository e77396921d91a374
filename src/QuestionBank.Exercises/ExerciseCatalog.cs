using QuestionBank.Exercises.Cnn;
using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Lstm;

namespace QuestionBank.Exercises;

/// <summary>Every exercise, by id.</summary>
public static class ExerciseCatalog
{
    public static IReadOnlyList<Exercise> All { get; } =
        [new CnnExercise(), new LstmExercise(), new GanExercise(), new DqnExercise()];

    /// <summary>
    /// The exercise a coding question links to, by the keywords in its title; the more specific
    /// exercises are tried first (a "GAN for image generation" question is a gan exercise).
    /// </summary>
    public static Exercise? ForQuestionTitle(string title) =>
        All.OrderBy(exercise => exercise.Id switch { "gan" => 0, "dqn" => 1, "lstm" => 2, _ => 3 })
            .FirstOrDefault(exercise => exercise.QuestionKeywords.Any(keyword => title.Contains(keyword, StringComparison.Ordinal)));

    public static Exercise? Find(string id) =>
        All.FirstOrDefault(exercise => string.Equals(exercise.Id, id, StringComparison.OrdinalIgnoreCase));
}
