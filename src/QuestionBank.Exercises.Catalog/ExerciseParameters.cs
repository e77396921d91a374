namespace QuestionBank.Exercises.Catalog;

/// <summary>The hyper-parameters a user may set for a run, each within the exercise's limits.</summary>
public sealed record ExerciseParameters(int Epochs, double LearningRate, int BatchSize, int Seed);

/// <summary>Bounds on <see cref="ExerciseParameters"/> so that a run stays within its time budget.</summary>
public sealed record ParameterLimits(int MaxEpochs, double MinLearningRate, double MaxLearningRate, int MinBatchSize, int MaxBatchSize)
{
    /// <summary>The problems with <paramref name="parameters"/>, keyed by parameter name; empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Validate(ExerciseParameters parameters)
    {
        var problems = new Dictionary<string, string>();
        if (parameters.Epochs < 1 || parameters.Epochs > MaxEpochs)
        {
            problems["epochs"] = $"Epochs must be between 1 and {MaxEpochs}.";
        }
        if (!(parameters.LearningRate >= MinLearningRate && parameters.LearningRate <= MaxLearningRate))
        {
            problems["learningRate"] = $"The learning rate must be between {MinLearningRate} and {MaxLearningRate}.";
        }
        if (parameters.BatchSize < MinBatchSize || parameters.BatchSize > MaxBatchSize)
        {
            problems["batchSize"] = $"The batch size must be between {MinBatchSize} and {MaxBatchSize}.";
        }
        if (parameters.Seed < 0)
        {
            problems["seed"] = "The seed must not be negative.";
        }
        return problems;
    }
}
