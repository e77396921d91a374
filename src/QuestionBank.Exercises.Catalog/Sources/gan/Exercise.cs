//@ starter
// Generate MNIST digits with a GAN.
// ctx.Mnist holds 8,000 training digits: Images [N, 1, 28, 28] in [0, 1] and Labels [N].
// Hand the trained generator to ctx.Submit: it maps noise [N, 64] to images [N, 1, 28, 28] with
// pixels in [-1, 1]. The judge draws 1,000 digits and classifies them with a reference CNN
// (goal: confident_fraction ≥ 0.8 at confidence 0.9, classes_covered ≥ 8).
//@ solution
// Reference solution: a conditional DCGAN (Radford et al., 2015; Mirza and Osindero, 2014).
// The generator draws the digit class from its own noise (the index of the largest of the first
// ten noise values, uniform over the classes), so it still maps plain noise to images, while the
// discriminator judges each image together with its class, which makes every digit clearly one
// class. Training uses the non-saturating generator loss, one-sided label smoothing and Adam
// with β1 = 0.5.
//@ end
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
        //@ starter
        var generator = new DigitGenerator();
        //@ solution
        var generator = new DigitGenerator(LatentSize);
        //@ end
        var discriminator = new DigitDiscriminator();
        generator.to(ctx.Device);
        discriminator.to(ctx.Device);
        var generatorOptimizer = optim.Adam(generator.parameters(), ctx.LearningRate, beta1: 0.5);
        var discriminatorOptimizer = optim.Adam(discriminator.parameters(), ctx.LearningRate, beta1: 0.5);
        var shuffle = new Generator((ulong)ctx.Seed);
        //@ solution
        var previewNoise = randn(64, LatentSize).to(ctx.Device);
        //@ end

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            //@ solution
            generator.train();
            discriminator.train();
            //@ end
            using var order = randperm(train.Count, generator: shuffle);
            double discriminatorLoss = 0, generatorLoss = 0;
            var batches = 0;
            for (long start = 0; start + ctx.BatchSize <= train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                //@ starter
                var real = realImages.index_select(0, order.narrow(0, start, ctx.BatchSize)).to(ctx.Device);
                var fake = generator.forward(randn(ctx.BatchSize, LatentSize).to(ctx.Device));
                //@ solution
                var batch = order.narrow(0, start, ctx.BatchSize);
                var real = realImages.index_select(0, batch).to(ctx.Device);
                var realClasses = train.Labels.index_select(0, batch).to(ctx.Device);
                var fakeClasses = randint(10, ctx.BatchSize).to(ctx.Device);
                var fake = generator.Generate(randn(ctx.BatchSize, LatentSize).to(ctx.Device), fakeClasses);
                var realTargets = full(ctx.BatchSize, 1, 0.9f).to(ctx.Device); // one-sided label smoothing
                var fakeTargets = zeros(ctx.BatchSize, 1).to(ctx.Device);
                //@ end

                //@ starter
                // Discriminator step: real digits are labelled 1, generated ones 0.
                //@ solution
                // Discriminator: tell real digits of a class from generated ones.
                //@ end
                discriminatorOptimizer.zero_grad();
                //@ starter
                var dLoss = functional.binary_cross_entropy_with_logits(discriminator.forward(real), ones(ctx.BatchSize, 1).to(ctx.Device))
                    + functional.binary_cross_entropy_with_logits(discriminator.forward(fake.detach()), zeros(ctx.BatchSize, 1).to(ctx.Device));
                //@ solution
                var dLoss = functional.binary_cross_entropy_with_logits(discriminator.Judge(real, realClasses), realTargets)
                    + functional.binary_cross_entropy_with_logits(discriminator.Judge(fake.detach(), fakeClasses), fakeTargets);
                //@ end
                dLoss.backward();
                discriminatorOptimizer.step();

                //@ starter
                // TODO: generator step: make the discriminator label the generated digits 1.
                var gLoss = zeros(1);
                //@ solution
                // Generator: make the discriminator take its digits for real ones of their class.
                generatorOptimizer.zero_grad();
                var gLoss = functional.binary_cross_entropy_with_logits(
                    discriminator.Judge(fake, fakeClasses), ones(ctx.BatchSize, 1).to(ctx.Device));
                gLoss.backward();
                generatorOptimizer.step();
                //@ end

                discriminatorLoss += dLoss.item<float>();
                generatorLoss += gLoss.item<float>();
                batches++;
            }
            ctx.Report(epoch, ("d_loss", discriminatorLoss / batches), ("g_loss", generatorLoss / batches));
        //@ solution
        }

        generator.eval();
        using (no_grad())
        {
            ctx.ReportImage("training-samples.png", DigitGrid.Render(generator.forward(previewNoise).add(1).div(2)));
        //@ end
        }
        ctx.Submit(generator);
    }
}

// noise [N, 64] -> images [N, 1, 28, 28] in [-1, 1]
public class DigitGenerator : Module<Tensor, Tensor>
{
    //@ starter
    // TODO: a stronger generator upsamples 7x7 feature maps with ConvTranspose2d layers.
    private readonly Sequential layers = Sequential(Linear(64, 256), ReLU(), Linear(256, 28 * 28), Tanh());
    //@ solution
    private readonly int latentSize;
    private readonly Embedding classes = Embedding(10, 10);
    private readonly Sequential project;
    private readonly Sequential upsample = Sequential(
        ConvTranspose2d(64, 32, 4, stride: 2, padding: 1), BatchNorm2d(32), ReLU(),
        ConvTranspose2d(32, 1, 4, stride: 2, padding: 1), Tanh());
    //@ end

    //@ starter
    public DigitGenerator() : base(nameof(DigitGenerator)) => RegisterComponents();
    //@ solution
    public DigitGenerator(int latentSize) : base(nameof(DigitGenerator))
    {
        this.latentSize = latentSize;
        project = Sequential(Linear(latentSize + 10, 64 * 7 * 7), BatchNorm1d(64 * 7 * 7), ReLU());
        RegisterComponents();
    }
    //@ end

    //@ starter
    public override Tensor forward(Tensor noise) => layers.forward(noise).view(-1, 1, 28, 28);
    //@ solution
    // Sampling (eval mode) uses the truncation trick (Brock et al., 2018): noise drawn closer to
    // the mean of the prior gives cleaner, more typical digits at some cost in variety. The class
    // comes from the noise's largest value, which scaling keeps, so every class is still drawn.
    public double Truncation { get; set; } = 0.4;

    public override Tensor forward(Tensor noise)
    {
        var digitClass = noise.narrow(1, 0, 10).argmax(1);
        return Generate(training ? noise : noise * Truncation, digitClass);
    }

    public Tensor Generate(Tensor noise, Tensor digitClass) =>
        upsample.forward(project.forward(cat([noise, classes.forward(digitClass)], 1)).view(-1, 64, 7, 7));
    //@ end
}

//@ starter
// images [N, 1, 28, 28] -> one logit per image: real or generated
//@ solution
// (images [N, 1, 28, 28], classes [N]) -> one logit per image: a real digit of that class or not
//@ end
public class DigitDiscriminator : Module<Tensor, Tensor>
{
    //@ starter
    private readonly Sequential layers = Sequential(Flatten(), Linear(28 * 28, 256), LeakyReLU(0.2), Linear(256, 1));
    //@ solution
    private readonly Embedding classPlanes = Embedding(10, 28 * 28);
    private readonly Sequential layers = Sequential(
        Conv2d(2, 32, 4, stride: 2, padding: 1), LeakyReLU(0.2),
        Conv2d(32, 64, 4, stride: 2, padding: 1), BatchNorm2d(64), LeakyReLU(0.2),
        Flatten(), Linear(64 * 7 * 7, 1));
    //@ end

    public DigitDiscriminator() : base(nameof(DigitDiscriminator)) => RegisterComponents();

    //@ starter
    public override Tensor forward(Tensor images) => layers.forward(images);
    //@ solution
    public Tensor Judge(Tensor images, Tensor digitClass) =>
        layers.forward(cat([images, classPlanes.forward(digitClass).view(-1, 1, 28, 28)], 1));

    public override Tensor forward(Tensor images) =>
        throw new NotSupportedException("The discriminator needs the class: call Judge(images, classes).");
    //@ end
}
