using QuestionBank.Exercises.Cnn;
using QuestionBank.Exercises.Distill;
using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Lstm;
using QuestionBank.Exercises.Prune;
using QuestionBank.Exercises.Quantize;
using QuestionBank.Exercises.RnnClassify;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Exercises.Transformer;

namespace QuestionBank.Exercises;

/// <summary>Every exercise as the pages describe it, by id.</summary>
public static class ExerciseCatalog
{
    public static CnnDescription Cnn { get; } = new();

    public static LstmDescription Lstm { get; } = new();

    public static GanDescription Gan { get; } = new();

    public static DqnDescription Dqn { get; } = new();

    public static TransformerDescription Transformer { get; } = new();

    public static RnnClassifyDescription RnnClassify { get; } = new();

    public static PruneDescription Prune { get; } = new();

    public static QuantizeDescription Quantize { get; } = new();

    public static DistillDescription Distill { get; } = new();

    public static TransferDescription Transfer { get; } = new();

    public static IReadOnlyList<ExerciseDescription> All { get; } = [Cnn, Lstm, Gan, Dqn, Transformer, RnnClassify, Transfer, Prune, Quantize, Distill];

    /// <summary>
    /// The importer's fallback for a coding question that declares no exercise: the one its title's
    /// keywords name. The more specific exercises are tried first (a "GAN for image generation" question is a
    /// gan exercise, an "RNN sequence classification" one an rnn-classify exercise).
    /// </summary>
    public static ExerciseDescription? ForQuestionTitle(string title) =>
        new ExerciseDescription[] { Gan, Dqn, Transformer, RnnClassify, Transfer, Lstm, Prune, Quantize, Distill, Cnn }
            .FirstOrDefault(exercise => exercise.QuestionKeywords.Any(keyword => title.Contains(keyword, StringComparison.Ordinal)));

    public static ExerciseDescription? Find(string id) =>
        All.FirstOrDefault(exercise => string.Equals(exercise.Id, id, StringComparison.OrdinalIgnoreCase));
}
