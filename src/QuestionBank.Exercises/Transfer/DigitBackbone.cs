using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QuestionBank.Exercises.Transfer;

/// <summary>
/// The transfer exercise's backbone: convolutional <see cref="Features"/> ([N, 1, 28, 28] to
/// [N, <see cref="FeatureSize"/>]) and a <see cref="Head"/> for the digits 0–4. The sandbox trains it
/// once, in the jail with trusted code only and a fixed seed, on the training split's digits 0–4 only,
/// and keeps its weights in the data directory as <see cref="FileName"/>; user code gets them as a
/// training file and starts from them (<see cref="TransferData.LoadBackbone"/>).
/// </summary>
public sealed class DigitBackbone : Module<Tensor, Tensor>
{
    /// <summary>The weights' file; its name changes with the network, so weights of another network are never loaded.</summary>
    public const string FileName = "backbone-digits0to4-2conv-3136.bin";

    /// <summary>The length of the feature vector the backbone hands its head.</summary>
    public const int FeatureSize = 64 * 7 * 7;

    /// <summary>The backbone's digits: 0 to <see cref="Classes"/> - 1.</summary>
    public const int Classes = 5;

    private static readonly TrainingRecipe Recipe = new(Seed: 11, Epochs: 4, BatchSize: 64);

    private readonly Sequential features = CreateFeatures();
    private readonly Sequential head = Sequential(("hidden", Linear(FeatureSize, 128)), ("relu", ReLU()), ("output", Linear(128, Classes)));

    public DigitBackbone() : base(nameof(DigitBackbone)) => RegisterComponents();

    /// <summary>Two convolution blocks: images [N, 1, 28, 28] to features [N, <see cref="FeatureSize"/>].</summary>
    public Sequential Features => features;

    /// <summary>The digits 0–4 classifier on top of <see cref="Features"/>: a hidden layer and the output layer.</summary>
    public Sequential Head => head;

    public override Tensor forward(Tensor input) => head.forward(features.forward(input));

    /// <summary>Freshly initialised features of the backbone's shape: what training from scratch starts from.</summary>
    public static Sequential CreateFeatures() => Sequential(
        ("conv1", Conv2d(1, 32, 3, padding: 1)), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
        ("conv2", Conv2d(32, 64, 3, padding: 1)), ("relu2", ReLU()), ("pool2", MaxPool2d(2)),
        ("flatten", Flatten()));

    /// <summary>A backbone with the weights of <paramref name="weights"/> (the cached file's bytes).</summary>
    public static DigitBackbone Load(byte[] weights) => TrustedTraining.LoadWeights(new DigitBackbone(), weights);

    /// <summary>Trains a backbone on the training split's digits 0–4; returns its weights and its accuracy on the held-out 0–4.</summary>
    public static (byte[] Weights, double TestAccuracy) Train(byte[] mnistFile, Device device)
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(mnistFile));
        return TrustedTraining.Train(() => new DigitBackbone(), train.Where(label => label < Classes).ToTensors(),
            test.Where(label => label < Classes).ToTensors(), Recipe, device);
    }
}
