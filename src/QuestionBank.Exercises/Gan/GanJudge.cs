using QuestionBank.Contracts;
using QuestionBank.Exercises.Catalog.Gan;
using QuestionBank.Exercises.Imaging;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Gan;

/// <summary>
/// Feeds the generator noise of its own drawing, maps what comes back to pixels, and has the
/// trusted digit classifier say how confidently each sample is a digit, and which. It also counts the
/// copies (a <see cref="DigitSignatures"/> distance to the nearest of all the MNIST digits, training and
/// held-out, under <see cref="GanRules.CopyDistance"/>) and the near-duplicates of an earlier sample
/// (under <see cref="GanRules.DuplicateDistance"/>), which the exercise's goals bound.
/// </summary>
internal sealed class GanJudge(DigitRecords train, DigitRecords real) : ExerciseJudge
{
    private const int BatchSize = 250;

    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } =
        new Dictionary<string, byte[]> { [MnistFile.FileName] = train.ToFile() };

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var random = SecretRandom.Create();
        var pixels = new float[GanRules.Samples * MnistFile.PixelsPerImage];
        for (var start = 0; start < GanRules.Samples; start += BatchSize)
        {
            var noise = new float[BatchSize * GanRules.LatentSize];
            for (var i = 0; i < noise.Length; i++)
            {
                noise[i] = SecretRandom.Gaussian(random);
            }
            var generated = await tools.Model.ForwardAsync(new FloatTensor(noise, [BatchSize, GanRules.LatentSize]), cancellationToken);
            if (generated.ElementCount != BatchSize * MnistFile.PixelsPerImage || generated.Shape[0] != BatchSize)
            {
                throw new JudgeException(RunMessages.GeneratorShape.With(generated.ShapeText, $"[{BatchSize}, 1, 28, 28]"));
            }
            for (var i = 0; i < generated.Data.Length; i++)
            {
                var value = (generated.Data[i] + 1) / 2;
                pixels[start * MnistFile.PixelsPerImage + i] = float.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
            }
        }

        var probabilities = await tools.Digits.ClassifyAsync(pixels, GanRules.Samples, cancellationToken);
        var signatures = DigitSignatures.Compute(pixels, GanRules.Samples);
        var copies = DigitSignatures.Nearest(signatures, DigitSignatures.Compute(real.Pixels(), real.Count))
            .Select(distance => distance < GanRules.CopyDistance).ToArray();
        var duplicates = DigitSignatures.Nearest(signatures, signatures, earlierOnly: true)
            .Select(distance => distance < GanRules.DuplicateDistance).ToArray();
        var confident = 0;
        var covered = new HashSet<int>();
        for (var i = 0; i < GanRules.Samples; i++)
        {
            var row = probabilities.AsSpan(i * 10, 10);
            var digit = SecretRandom.ArgMax(row);
            if (row[digit] >= GanRules.Confidence)
            {
                confident++;
                covered.Add(digit);
            }
        }
        return new JudgeVerdict(
            new Dictionary<string, double>
            {
                ["confident_fraction"] = (double)confident / GanRules.Samples,
                ["classes_covered"] = covered.Count,
                ["copied_fraction"] = (double)copies.Count(copy => copy) / GanRules.Samples,
                ["duplicate_fraction"] = (double)duplicates.Count(duplicate => duplicate) / GanRules.Samples,
            },
            [new JudgeImage("samples.png", DigitGrid.Render(pixels))]);
    }
}
