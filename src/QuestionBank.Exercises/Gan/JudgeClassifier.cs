using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QuestionBank.Exercises.Gan;

/// <summary>
/// The digit classifier that judges generated digits. The sandbox trains it once, in the jail with
/// trusted code only and a fixed seed, keeps its weights in the data directory as
/// <see cref="FileName"/>, and classifies a run's samples in a jail that runs no user code.
/// </summary>
public sealed class JudgeClassifier : Module<Tensor, Tensor>
{
    /// <summary>The weights' file; its name changes with the network, so weights of another network are never loaded.</summary>
    public const string FileName = "mnist-judge-3conv.bin";
    private static readonly TrainingRecipe Recipe = new(Seed: 7, Epochs: 5, BatchSize: 64);

    // A network of its own, not the cnn exercise's reference: three plain convolutions, no batch
    // normalisation, no dropout.
    private readonly Conv2d conv1 = Conv2d(1, 16, 5, padding: 2);
    private readonly Conv2d conv2 = Conv2d(16, 32, 5, padding: 2);
    private readonly Conv2d conv3 = Conv2d(32, 64, 3, padding: 1);
    private readonly Linear hidden = Linear(64 * 3 * 3, 128);
    private readonly Linear output = Linear(128, 10);

    public JudgeClassifier() : base(nameof(JudgeClassifier)) => RegisterComponents();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(conv1.forward(input)), 2);
        x = functional.max_pool2d(functional.relu(conv2.forward(x)), 2);
        x = functional.max_pool2d(functional.relu(conv3.forward(x)), 2);
        return output.forward(functional.relu(hidden.forward(x.flatten(1)))).MoveToOuterDisposeScope();
    }

    /// <summary>Trains a classifier on the training digits; returns its weights and its held-out accuracy.</summary>
    public static (byte[] Weights, double TestAccuracy) Train(byte[] mnistFile, Device device)
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(mnistFile));
        return TrustedTraining.Train(() => new JudgeClassifier(), train.ToTensors(), test.ToTensors(), Recipe, device);
    }

    /// <summary>Class probabilities [count, 10] of <paramref name="pixels"/> ([count, 784], in [0, 1]), row-major.</summary>
    public static float[] Classify(byte[] weights, float[] pixels, int count, Device device)
    {
        using var model = TrustedTraining.LoadWeights(new JudgeClassifier(), weights);
        model.to(device);
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [count, 1, MnistFile.ImageSize, MnistFile.ImageSize]);
        return TrustedTraining.Evaluate(model, images, device, scores => functional.softmax(scores, 1)).data<float>().ToArray();
    }
}
