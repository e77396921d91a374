using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace QuestionBank.Exercises.Gan;

/// <summary>
/// The digit classifier that judges generated digits. The sandbox trains it once, with trusted code
/// and a fixed seed, and keeps its weights in the data directory as <see cref="FileName"/>.
/// </summary>
public sealed class JudgeClassifier : Module<Tensor, Tensor>
{
    public const string FileName = "mnist-judge.bin";
    private const int Seed = 7;
    private const int Epochs = 5;
    private const int BatchSize = 64;

    private readonly Conv2d conv1 = Conv2d(1, 32, 3, padding: 1);
    private readonly BatchNorm2d norm1 = BatchNorm2d(32);
    private readonly Conv2d conv2 = Conv2d(32, 64, 3, padding: 1);
    private readonly BatchNorm2d norm2 = BatchNorm2d(64);
    private readonly Linear hidden = Linear(64 * 7 * 7, 128);
    private readonly Dropout dropout = Dropout(0.3);
    private readonly Linear output = Linear(128, 10);

    public JudgeClassifier() : base(nameof(JudgeClassifier)) => RegisterComponents();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(norm1.forward(conv1.forward(input))), 2);
        x = functional.max_pool2d(functional.relu(norm2.forward(conv2.forward(x))), 2);
        x = dropout.forward(functional.relu(hidden.forward(x.flatten(1))));
        return output.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>Trains a classifier on the training digits; returns its weights and its held-out accuracy.</summary>
    public static (byte[] Weights, double TestAccuracy) Train(IReadOnlyDictionary<string, byte[]> files, Device device)
    {
        var (train, test) = MnistDigits.Load(files[MnistDigits.FileName]);
        random.manual_seed(Seed);
        using var model = new JudgeClassifier();
        model.to(device);
        using var optimizer = optim.Adam(model.parameters(), 0.001);
        var shuffle = new Generator(Seed);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            model.train();
            using var order = randperm(train.Count, generator: shuffle);
            for (long start = 0; start < train.Count; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(BatchSize, train.Count - start));
                optimizer.zero_grad();
                var loss = functional.cross_entropy(
                    model.forward(train.Images.index_select(0, batch).to(device)),
                    train.Labels.index_select(0, batch).to(device));
                loss.backward();
                optimizer.step();
            }
        }
        var accuracy = Cnn.CnnExercise.Accuracy(model, test, device);
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.cpu().save(writer);
        }
        return (weights.ToArray(), accuracy);
    }

    public static JudgeClassifier Load(byte[] weights, Device device)
    {
        var model = new JudgeClassifier();
        using var reader = new BinaryReader(new MemoryStream(weights));
        model.load(reader);
        model.to(device).eval();
        return model;
    }
}
