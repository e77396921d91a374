using QuestionBank.Exercises.Cnn;
using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Lstm;
using QuestionBank.Exercises.Transfer;

namespace QuestionBank.Exercises;

/// <summary>Every exercise as the pages describe it, by id.</summary>
public static class ExerciseCatalog
{
    public static CnnDescription Cnn { get; } = new();

    public static LstmDescription Lstm { get; } = new();

    public static GanDescription Gan { get; } = new();

    public static DqnDescription Dqn { get; } = new();

    public static TransferDescription Transfer { get; } = new();

    public static IReadOnlyList<ExerciseDescription> All { get; } = [Cnn, Lstm, Gan, Dqn, Transfer];

    /// <summary>
    /// The importer's fallback for a coding question that declares no exercise: the one its title's
    /// keywords name; the more specific
    /// exercises are tried first (a "GAN for image generation" question is a gan exercise).
    /// </summary>
    public static ExerciseDescription? ForQuestionTitle(string title) =>
        new ExerciseDescription[] { Gan, Dqn, Transfer, Lstm, Cnn }
            .FirstOrDefault(exercise => exercise.QuestionKeywords.Any(keyword => title.Contains(keyword, StringComparison.Ordinal)));

    public static ExerciseDescription? Find(string id) =>
        All.FirstOrDefault(exercise => string.Equals(exercise.Id, id, StringComparison.OrdinalIgnoreCase));
}
