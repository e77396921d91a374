using QuestionBank.Exercises.Judging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QuestionBank.Exercises.Compression;

/// <summary>
/// A network of the <see cref="DigitNetWeights"/> family, for user code and for the trusted jobs: two
/// convolutions with ReLU and max-pooling, then two linear layers. Its parameters are named
/// <c>conv1.weight</c>, <c>conv1.bias</c>, … <c>fc2.bias</c>, the names the compression judges read.
/// </summary>
public sealed class DigitNet : Module<Tensor, Tensor>
{
    /// <summary>The pretrained network's weights (a <see cref="ModelState"/>); the name changes with the network.</summary>
    public const string PretrainedFileName = "mnist-digitnet-5x5-16-32-128.bin";
    private static readonly TrainingRecipe Recipe = new(Seed: 11, Epochs: 4, BatchSize: 64);

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>A network with the given widths; the defaults are the pretrained network's.</summary>
    public DigitNet(int conv1Channels = 16, int conv2Channels = 32, int hidden = 128, int kernel1 = 5, int kernel2 = 5) : base(nameof(DigitNet))
    {
        conv1 = Conv2d(1, conv1Channels, kernel1, padding: kernel1 / 2);
        conv2 = Conv2d(conv1Channels, conv2Channels, kernel2, padding: kernel2 / 2);
        fc1 = Linear(conv2Channels * 7 * 7, hidden);
        fc2 = Linear(hidden, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(conv1.forward(input)), 2);
        x = functional.max_pool2d(functional.relu(conv2.forward(x)), 2);
        return fc2.forward(functional.relu(fc1.forward(x.flatten(1)))).MoveToOuterDisposeScope();
    }

    /// <summary>A network with the widths and weights of <paramref name="state"/> (float32 or int8 with scales), on the CPU.</summary>
    /// <exception cref="JudgeException">The state is not a network of the family.</exception>
    public static DigitNet FromState(ModelState state)
    {
        var network = DigitNetWeights.FromState(state);
        var model = new DigitNet(network.Conv1, network.Conv2, network.Hidden, network.Kernel1, network.Kernel2);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            var tensor = network.Weights.Find(name)!;
            using var values = torch.tensor(tensor.ToFloats(), [.. tensor.Shape.Select(size => (long)size)]);
            parameter.copy_(values);
        }
        return model;
    }

    /// <summary>The pretrained network: trained once, with trusted code and a fixed seed; returns its state and held-out accuracy.</summary>
    public static (byte[] State, double TestAccuracy) TrainPretrained(byte[] mnistFile, Device device)
    {
        var (trainRecords, testRecords) = MnistFile.Split(MnistFile.Read(mnistFile));
        random.manual_seed(Recipe.Seed);
        using var model = new DigitNet();
        model.to(device);
        TrustedTraining.Fit(model, trainRecords.ToTensors(), Recipe, device);
        model.cpu();
        var scores = model.Scores(testRecords.Pixels(), testRecords.Count);
        var correct = Enumerable.Range(0, testRecords.Count).Count(i => SecretRandom.ArgMax(scores.AsSpan(i * 10, 10)) == testRecords.Labels[i]);
        return (ModelStates.Capture(model).ToBytes(), (double)correct / testRecords.Count);
    }

    /// <summary>Class scores [count, 10] of <paramref name="pixels"/> by the network <paramref name="state"/> holds (trusted code only).</summary>
    public static float[] Score(byte[] state, float[] pixels, int count)
    {
        using var model = FromState(ModelState.Parse(state));
        return model.Scores(pixels, count);
    }

    private float[] Scores(float[] pixels, int count)
    {
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [count, 1, MnistFile.ImageSize, MnistFile.ImageSize]);
        return TrustedTraining.Evaluate(this, images, CPU).to_type(ScalarType.Float32).data<float>().ToArray();
    }
}
