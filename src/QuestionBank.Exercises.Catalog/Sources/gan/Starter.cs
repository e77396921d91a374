// Generate MNIST digits with a GAN.
// ctx.Mnist holds 8,000 training digits: Images [N, 1, 28, 28] in [0, 1] and Labels [N].
// Hand the trained generator to ctx.Submit: it maps noise [N, 64] to images [N, 1, 28, 28] with
// pixels in [-1, 1]. The judge draws 1,000 digits and classifies them with a reference CNN
// (goal: confident_fraction ≥ 0.8 at confidence 0.9, classes_covered ≥ 8).
using QuestionBank.Exercises.Imaging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    // The judge feeds the generator noise of this size.
    private const int LatentSize = 64;

    public void Run(ExerciseContext ctx)
    {
        var train = ctx.Mnist;
        var realImages = train.Images.mul(2).sub(1); // pixels in [-1, 1], like tanh
        var generator = new DigitGenerator();
        var discriminator = new DigitDiscriminator();
        generator.to(ctx.Device);
        discriminator.to(ctx.Device);
        var generatorOptimizer = optim.Adam(generator.parameters(), ctx.LearningRate, beta1: 0.5);
        var discriminatorOptimizer = optim.Adam(discriminator.parameters(), ctx.LearningRate, beta1: 0.5);
        var shuffle = new Generator((ulong)ctx.Seed);

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            using var order = randperm(train.Count, generator: shuffle);
            double discriminatorLoss = 0, generatorLoss = 0;
            var batches = 0;
            for (long start = 0; start + ctx.BatchSize <= train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var real = realImages.index_select(0, order.narrow(0, start, ctx.BatchSize)).to(ctx.Device);
                var fake = generator.forward(randn(ctx.BatchSize, LatentSize).to(ctx.Device));

                // Discriminator step: real digits are labelled 1, generated ones 0.
                discriminatorOptimizer.zero_grad();
                var dLoss = functional.binary_cross_entropy_with_logits(discriminator.forward(real), ones(ctx.BatchSize, 1).to(ctx.Device))
                    + functional.binary_cross_entropy_with_logits(discriminator.forward(fake.detach()), zeros(ctx.BatchSize, 1).to(ctx.Device));
                dLoss.backward();
                discriminatorOptimizer.step();

                // TODO: generator step: make the discriminator label the generated digits 1.
                var gLoss = zeros(1);

                discriminatorLoss += dLoss.item<float>();
                generatorLoss += gLoss.item<float>();
                batches++;
            }
            ctx.Report(epoch, ("d_loss", discriminatorLoss / batches), ("g_loss", generatorLoss / batches));
        }
        ctx.Submit(generator);
    }
}

// noise [N, 64] -> images [N, 1, 28, 28] in [-1, 1]
public class DigitGenerator : Module<Tensor, Tensor>
{
    // TODO: a stronger generator upsamples 7x7 feature maps with ConvTranspose2d layers.
    private readonly Sequential layers = Sequential(Linear(64, 256), ReLU(), Linear(256, 28 * 28), Tanh());

    public DigitGenerator() : base(nameof(DigitGenerator)) => RegisterComponents();

    public override Tensor forward(Tensor noise) => layers.forward(noise).view(-1, 1, 28, 28);
}

// images [N, 1, 28, 28] -> one logit per image: real or generated
public class DigitDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential layers = Sequential(Flatten(), Linear(28 * 28, 256), LeakyReLU(0.2), Linear(256, 1));

    public DigitDiscriminator() : base(nameof(DigitDiscriminator)) => RegisterComponents();

    public override Tensor forward(Tensor images) => layers.forward(images);
}
