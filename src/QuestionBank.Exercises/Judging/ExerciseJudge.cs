namespace QuestionBank.Exercises.Judging;

/// <summary>
/// The trusted side of one run of an exercise, made fresh for every run outside the jail. It keeps
/// the held-out data and any per-run secrets (which test items come in which order, noise seeds),
/// hands the jail only the training data, and computes the final metrics from the answers the
/// submitted model gives to its questions. It never uses TorchSharp's native library, so it runs
/// in the worker's own process.
/// </summary>
public abstract class ExerciseJudge
{
    /// <summary>The files the user's process receives: training data only.</summary>
    public abstract IReadOnlyDictionary<string, byte[]> TrainingFiles { get; }

    /// <summary>Asks the model its questions and computes the final metrics.</summary>
    /// <exception cref="JudgeException">The model cannot be judged.</exception>
    public abstract Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken);
}

/// <summary>
/// What a judge may use: the submitted model, the trusted digit classifier (gan), and the trusted
/// evaluator of digit networks given by their weights (prune, quantize, distill).
/// </summary>
public sealed record JudgeTools(IModelClient Model, IDigitClassifier Digits, IDigitNetScorer Networks);

/// <summary>The final metrics and the images the judge made (e.g. the GAN's samples).</summary>
public sealed record JudgeVerdict(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<JudgeImage> Images);

public sealed record JudgeImage(string Name, byte[] Png);

/// <summary>The GAN judge's digit classifier, run by trusted code only.</summary>
public interface IDigitClassifier
{
    /// <summary>Class probabilities [count, 10] of <paramref name="pixels"/> ([count, 784], pixels in [0, 1]).</summary>
    Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken);
}

/// <summary>Runs a <see cref="Compression.DigitNetWeights"/> with trusted code only, in a process that runs no user code.</summary>
public interface IDigitNetScorer
{
    /// <summary>Class scores [count, 10] of <paramref name="pixels"/> ([count, 784], pixels in [0, 1]) by <paramref name="network"/>.</summary>
    Task<float[]> ScoresAsync(Compression.DigitNetWeights network, float[] pixels, int count, CancellationToken cancellationToken);
}
