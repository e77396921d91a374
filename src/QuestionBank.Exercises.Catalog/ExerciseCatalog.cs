using QuestionBank.Exercises.Catalog.Distill;
using QuestionBank.Exercises.Catalog.Dqn;
using QuestionBank.Exercises.Catalog.Gan;
using QuestionBank.Exercises.Catalog.Transfer;

namespace QuestionBank.Exercises.Catalog;

/// <summary>Every exercise as the pages describe it, by id; each one's values are in its Sources/&lt;id&gt;/description.json.</summary>
public static class ExerciseCatalog
{
    /// <summary>Classify handwritten digits with a convolutional network.</summary>
    public static ExerciseDescription Cnn { get; } = ExerciseDescription.Load("cnn");

    /// <summary>Forecast the next value of a seasonal time series with an LSTM.</summary>
    public static ExerciseDescription Lstm { get; } = ExerciseDescription.Load("lstm");

    /// <summary>Generate handwritten digits with a generative adversarial network.</summary>
    public static ExerciseDescription Gan { get; } = ExerciseDescription.Load("gan", GanRules.LatentSize, GanRules.Samples);

    /// <summary>Balance a pole on a cart with a deep Q-network.</summary>
    public static ExerciseDescription Dqn { get; } = ExerciseDescription.Load("dqn", DqnRules.EvaluationEpisodes, DqnRules.MaxSteps);

    /// <summary>Tell a word's language from its letters with a small Transformer encoder.</summary>
    public static ExerciseDescription Transformer { get; } = ExerciseDescription.Load("transformer");

    /// <summary>Tell a word's language from its letters with a recurrent network.</summary>
    public static ExerciseDescription RnnClassify { get; } = ExerciseDescription.Load("rnn-classify");

    /// <summary>Prune a trained CNN to mostly zero weights and fine-tune it.</summary>
    public static ExerciseDescription Prune { get; } = ExerciseDescription.Load("prune");

    /// <summary>Quantize a trained CNN's weights to int8 with a scale per output channel.</summary>
    public static ExerciseDescription Quantize { get; } = ExerciseDescription.Load("quantize");

    /// <summary>Distill a trained CNN (the teacher) into a student a tenth of its size.</summary>
    public static ExerciseDescription Distill { get; } = ExerciseDescription.Load("distill", DistillRules.LabelledCount, 8000 - DistillRules.LabelledCount);

    /// <summary>Transfer learning: fine-tune a backbone pretrained on the digits 0–4 to classify 5–9 from a few labelled images.</summary>
    public static ExerciseDescription Transfer { get; } = ExerciseDescription.Load("transfer", TransferRules.ImagesPerDigit);

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
