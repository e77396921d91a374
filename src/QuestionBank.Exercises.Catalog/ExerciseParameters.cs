using QuestionBank.Contracts;

namespace QuestionBank.Exercises.Catalog;

/// <summary>The hyper-parameters a user may set for a run, each within the exercise's limits.</summary>
public sealed record ExerciseParameters(int Epochs, double LearningRate, int BatchSize, int Seed);

/// <summary>Bounds on <see cref="ExerciseParameters"/> so that a run stays within its time budget.</summary>
public sealed record ParameterLimits(int MaxEpochs, double MinLearningRate, double MaxLearningRate, int MinBatchSize, int MaxBatchSize)
{
    /// <summary>The problems with <paramref name="parameters"/>, keyed by parameter name; empty when valid.</summary>
    public IReadOnlyDictionary<string, RunMessage> Validate(ExerciseParameters parameters)
    {
        var problems = new Dictionary<string, RunMessage>();
        if (parameters.Epochs < 1 || parameters.Epochs > MaxEpochs)
        {
            problems["epochs"] = RunMessages.EpochsOutOfRange.With(MaxEpochs);
        }
        if (!(parameters.LearningRate >= MinLearningRate && parameters.LearningRate <= MaxLearningRate))
        {
            problems["learningRate"] = RunMessages.LearningRateOutOfRange.With(MinLearningRate, MaxLearningRate);
        }
        if (parameters.BatchSize < MinBatchSize || parameters.BatchSize > MaxBatchSize)
        {
            problems["batchSize"] = RunMessages.BatchSizeOutOfRange.With(MinBatchSize, MaxBatchSize);
        }
        if (parameters.Seed < 0)
        {
            problems["seed"] = RunMessages.NegativeSeed.With();
        }
        return problems;
    }
}
