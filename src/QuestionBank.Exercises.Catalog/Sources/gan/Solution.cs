// Reference solution: a conditional DCGAN (Radford et al., 2015; Mirza and Osindero, 2014).
// The generator draws the digit class from its own noise (the index of the largest of the first
// ten noise values, uniform over the classes), so it still maps plain noise to images, while the
// discriminator judges each image together with its class, which makes every digit clearly one
// class. Training uses the non-saturating generator loss, one-sided label smoothing and Adam
// with β1 = 0.5.
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
        var generator = new DigitGenerator(LatentSize);
        var discriminator = new DigitDiscriminator();
        generator.to(ctx.Device);
        discriminator.to(ctx.Device);
        var generatorOptimizer = optim.Adam(generator.parameters(), ctx.LearningRate, beta1: 0.5);
        var discriminatorOptimizer = optim.Adam(discriminator.parameters(), ctx.LearningRate, beta1: 0.5);
        var shuffle = new Generator((ulong)ctx.Seed);
        var previewNoise = randn(64, LatentSize).to(ctx.Device);

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            generator.train();
            discriminator.train();
            using var order = randperm(train.Count, generator: shuffle);
            double discriminatorLoss = 0, generatorLoss = 0;
            var batches = 0;
            for (long start = 0; start + ctx.BatchSize <= train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, ctx.BatchSize);
                var real = realImages.index_select(0, batch).to(ctx.Device);
                var realClasses = train.Labels.index_select(0, batch).to(ctx.Device);
                var fakeClasses = randint(10, ctx.BatchSize).to(ctx.Device);
                var fake = generator.Generate(randn(ctx.BatchSize, LatentSize).to(ctx.Device), fakeClasses);
                var realTargets = full(ctx.BatchSize, 1, 0.9f).to(ctx.Device); // one-sided label smoothing
                var fakeTargets = zeros(ctx.BatchSize, 1).to(ctx.Device);

                // Discriminator: tell real digits of a class from generated ones.
                discriminatorOptimizer.zero_grad();
                var dLoss = functional.binary_cross_entropy_with_logits(discriminator.Judge(real, realClasses), realTargets)
                    + functional.binary_cross_entropy_with_logits(discriminator.Judge(fake.detach(), fakeClasses), fakeTargets);
                dLoss.backward();
                discriminatorOptimizer.step();

                // Generator: make the discriminator take its digits for real ones of their class.
                generatorOptimizer.zero_grad();
                var gLoss = functional.binary_cross_entropy_with_logits(
                    discriminator.Judge(fake, fakeClasses), ones(ctx.BatchSize, 1).to(ctx.Device));
                gLoss.backward();
                generatorOptimizer.step();

                discriminatorLoss += dLoss.item<float>();
                generatorLoss += gLoss.item<float>();
                batches++;
            }
            ctx.Report(epoch, ("d_loss", discriminatorLoss / batches), ("g_loss", generatorLoss / batches));
        }

        generator.eval();
        using (no_grad())
        {
            ctx.ReportImage("training-samples.png", DigitGrid.Render(generator.forward(previewNoise).add(1).div(2)));
        }
        ctx.Submit(generator);
    }
}

// noise [N, 64] -> images [N, 1, 28, 28] in [-1, 1]
public class DigitGenerator : Module<Tensor, Tensor>
{
    private readonly int latentSize;
    private readonly Embedding classes = Embedding(10, 10);
    private readonly Sequential project;
    private readonly Sequential upsample = Sequential(
        ConvTranspose2d(64, 32, 4, stride: 2, padding: 1), BatchNorm2d(32), ReLU(),
        ConvTranspose2d(32, 1, 4, stride: 2, padding: 1), Tanh());

    public DigitGenerator(int latentSize) : base(nameof(DigitGenerator))
    {
        this.latentSize = latentSize;
        project = Sequential(Linear(latentSize + 10, 64 * 7 * 7), BatchNorm1d(64 * 7 * 7), ReLU());
        RegisterComponents();
    }

    // Sampling (eval mode) uses the truncation trick (Brock et al., 2018): noise drawn closer to
    // the mean of the prior gives cleaner, more typical digits at some cost in variety.
    public double Truncation { get; set; } = 0.6;

    public override Tensor forward(Tensor noise)
    {
        var digitClass = noise.narrow(1, 0, 10).argmax(1);
        return Generate(training ? noise : noise * Truncation, digitClass);
    }

    public Tensor Generate(Tensor noise, Tensor digitClass) =>
        upsample.forward(project.forward(cat([noise, classes.forward(digitClass)], 1)).view(-1, 64, 7, 7));
}

// (images [N, 1, 28, 28], classes [N]) -> one logit per image: a real digit of that class or not
public class DigitDiscriminator : Module<Tensor, Tensor>
{
    private readonly Embedding classPlanes = Embedding(10, 28 * 28);
    private readonly Sequential layers = Sequential(
        Conv2d(2, 32, 4, stride: 2, padding: 1), LeakyReLU(0.2),
        Conv2d(32, 64, 4, stride: 2, padding: 1), BatchNorm2d(64), LeakyReLU(0.2),
        Flatten(), Linear(64 * 7 * 7, 1));

    public DigitDiscriminator() : base(nameof(DigitDiscriminator)) => RegisterComponents();

    public Tensor Judge(Tensor images, Tensor digitClass) =>
        layers.forward(cat([images, classPlanes.forward(digitClass).view(-1, 1, 28, 28)], 1));

    public override Tensor forward(Tensor images) =>
        throw new NotSupportedException("The discriminator needs the class: call Judge(images, classes).");
}
