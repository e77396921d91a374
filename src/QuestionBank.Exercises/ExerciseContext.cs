using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Exercises.Words;
using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>
/// What a user's <c>Solution.Run</c> receives: the device, the bounded hyper-parameters, the
/// training data, cancellation, progress reporting, and <see cref="Submit"/> to hand back the
/// trained model. The judge, not the user's code, computes the final metrics from that model.
/// </summary>
public sealed class ExerciseContext(
    Device device,
    ExerciseParameters parameters,
    object? training,
    IExerciseReporter reporter,
    CancellationToken cancellationToken)
{
    private int environments;

    public Device Device { get; } = device;

    public ExerciseParameters Parameters { get; } = parameters;

    public int Epochs => Parameters.Epochs;

    public double LearningRate => Parameters.LearningRate;

    public int BatchSize => Parameters.BatchSize;

    public int Seed => Parameters.Seed;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The training digits (cnn, gan, prune, quantize, distill).</summary>
    public DigitTensors Mnist => training as DigitTensors ?? (training as PretrainedDigits)?.Mnist
        ?? throw new InvalidOperationException("This exercise has no MNIST data.");

    /// <summary>Training images [N, 1, 28, 28] whose labels the exercise does not give (distill: for the teacher to label).</summary>
    public Tensor UnlabelledImages => (training as PretrainedDigits)?.Unlabelled
        ?? throw new InvalidOperationException("This exercise has no unlabelled images.");

    /// <summary>A fresh copy of the pretrained digit network (prune, quantize; distill's teacher).</summary>
    public DigitNet LoadPretrained() => (training as PretrainedDigits)?.LoadNetwork()
        ?? throw new InvalidOperationException("This exercise has no pretrained network.");

    /// <summary>The training part of the time series (lstm).</summary>
    public SeriesData Series => training as SeriesData
        ?? throw new InvalidOperationException("This exercise has no time series.");

    /// <summary>The training words with their languages (transformer, rnn-classify).</summary>
    public WordsData Words => training as WordsData
        ?? throw new InvalidOperationException("This exercise has no words.");

    /// <summary>The few labelled digits 5–9 and the pretrained backbone (transfer).</summary>
    public TransferData Transfer => training as TransferData
        ?? throw new InvalidOperationException("This exercise has no transfer-learning data.");

    /// <summary>The model that <see cref="Submit"/> handed back: the judge asks it its questions.</summary>
    public nn.Module<Tensor, Tensor>? SubmittedModel { get; private set; }

    /// <summary>
    /// A new CartPole environment (dqn) under the run's twist (its observations' order, signs and offsets and
    /// the actions' meaning, drawn for the run); each one gets its own seed derived from <see cref="Seed"/>.
    /// </summary>
    public CartPole CreateCartPole() => new(Seed * 7919 + environments++, training as Dqn.CartPoleTwist);

    /// <summary>Reports the metrics of one step (an epoch, an episode) for the live chart.</summary>
    public void Report(int step, params ReadOnlySpan<(string Name, double Value)> metrics)
    {
        var values = new Dictionary<string, double>(metrics.Length);
        foreach (var (name, value) in metrics)
        {
            values[name] = value;
        }
        reporter.Progress(step, values);
    }

    /// <summary>Publishes a PNG image (a sample grid, a curve) with the run.</summary>
    public void ReportImage(string name, byte[] png) => reporter.Image(name, png);

    /// <summary>Hands back the trained model (the classifier, forecaster, generator or Q-network).</summary>
    public void Submit(nn.Module<Tensor, Tensor> model) => SubmittedModel = model;
}
