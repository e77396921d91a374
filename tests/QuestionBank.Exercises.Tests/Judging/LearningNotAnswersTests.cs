using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Catalog.Gan;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>The pieces that keep a run's goals out of reach of a source that has not learned from its training data.</summary>
public sealed class LearningNotAnswersTests
{
    [Fact]
    public void ALabelPermutationMovesEveryClassAndIsUndoneByItsInverse()
    {
        var random = new Random(3);
        for (var draw = 0; draw < 100; draw++)
        {
            var permutation = LabelPermutation.Draw(5, random);

            Assert.Equal(Enumerable.Range(0, 5), Enumerable.Range(0, 5).Select(permutation.Shown).Order());
            Assert.All(Enumerable.Range(0, 5), label => Assert.NotEqual(label, permutation.Shown(label)));
            Assert.All(Enumerable.Range(0, 5), label => Assert.Equal(label, permutation.Original(permutation.Shown(label))));
        }
    }

    [Fact]
    public void HeldOutDigitsAreDistortedAnewForEachRunButKeepTheirShape()
    {
        var ring = DigitShapes.Ring(14, 14, 6);
        var digits = MnistFile.Read(SyntheticDigitsFile([ring, ring]));

        var first = HeldOutDigits.Distort(digits, new Random(1));
        var second = HeldOutDigits.Distort(digits, new Random(2));

        Assert.All(first, pixel => Assert.InRange(pixel, 0, 1));
        // No pixel row of a distorted digit equals the original's, nor the same digit's in another run...
        Assert.NotEqual(first[..784], second[..784]);
        Assert.NotEqual(first[..784], first[784..]);
        Assert.NotEqual(ring.Select(pixel => MathF.Round(pixel * 255)), first[..784].Select(pixel => MathF.Round(pixel * 255)));
        // ...while it is still a ring, far nearer the original than a bar is.
        var signatures = DigitSignatures.Compute([.. ring, .. first[..784], .. second[..784], .. DigitShapes.Bar(12, 2)], 4);
        var bar = DigitSignatures.Distance(signatures.AsSpan(0, 196), signatures.AsSpan(588, 196));
        Assert.InRange(DigitSignatures.Distance(signatures.AsSpan(0, 196), signatures.AsSpan(196, 196)), 0, bar / 3);
        Assert.InRange(DigitSignatures.Distance(signatures.AsSpan(0, 196), signatures.AsSpan(392, 196)), 0, bar / 3);
    }

    [Fact]
    public void ACopyMovedBlurredAndNoisedStaysWithinTheCopyDistanceWhileAnotherShapeDoesNot()
    {
        var random = new Random(7);
        var ring = DigitShapes.Ring(13, 14, 7);
        var bar = DigitShapes.Bar(12, 4);
        float[] images = [.. ring, .. DigitShapes.Perturb(ring, 2, -2, 0.1, random), .. bar, .. DigitShapes.Perturb(bar, -2, 1, 0.1, random)];

        var signatures = DigitSignatures.Compute(images, 4);
        var nearest = DigitSignatures.Nearest(signatures[196..], signatures[..196]);

        Assert.InRange(nearest[0], 0, GanRules.CopyDistance);
        Assert.InRange(nearest[1], GanRules.CopyDistance, 2);
        Assert.InRange(DigitSignatures.Distance(signatures.AsSpan(392, 196), signatures.AsSpan(588, 196)), 0, GanRules.CopyDistance);
    }

    [Fact]
    public void BlankSamplesAreDuplicatesOfEachOther()
    {
        var signatures = DigitSignatures.Compute(new float[3 * 784], 3);

        Assert.Equal([2, 0, 0], DigitSignatures.Nearest(signatures, signatures, earlierOnly: true));
    }

    [Fact]
    public async Task TheGanJudgeCountsCopiesOfRealDigitsAndDuplicatesAndNeitherMeetsTheGoals()
    {
        var random = new Random(11);
        var real = Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? DigitShapes.Ring(14, 14, 5 + i % 3) : DigitShapes.Bar(10 + i % 5, i % 7 - 3)).ToList();
        var judge = ExerciseRegistry.Find("gan")!.CreateJudge(new Dictionary<string, byte[]> { [MnistFile.FileName] = SyntheticDigitsFile(real) });
        var copier = new ScriptedModel(noise => Images(noise, i => DigitShapes.Perturb(real[i * 7 % real.Count], 1, -1, 0.05, random)));
        var repeater = new ScriptedModel(noise => Images(noise, _ => DigitShapes.Ring(12, 12, 9)));

        var copies = await judge.JudgeAsync(copier.Tools, CancellationToken.None);
        var repeats = await judge.JudgeAsync(repeater.Tools, CancellationToken.None);

        Assert.Equal(1000, copier.Questions.Sum(question => question.Shape[0]));
        Assert.All(copier.Questions, question => Assert.Equal(64, question.Shape[1]));
        Assert.InRange(copies.Metrics["copied_fraction"], 0.95, 1);
        Assert.Equal(0, repeats.Metrics["copied_fraction"]);
        Assert.Equal(0.999, repeats.Metrics["duplicate_fraction"]);
        // The scripted classifier is confident of every sample: only the copies and the duplicates miss the goals.
        Assert.Equal(1, copies.Metrics["confident_fraction"]);
        Assert.False(ExerciseCatalog.Gan.MeetsGoals(copies.Metrics));
        Assert.False(ExerciseCatalog.Gan.MeetsGoals(repeats.Metrics));
        Assert.Equal("samples.png", Assert.Single(copies.Images).Name);
    }

    /// <summary>The generator's answer: one image per row of noise, pixels mapped to [-1, 1].</summary>
    private static FloatTensor Images(FloatTensor noise, Func<int, float[]> image) =>
        new([.. Enumerable.Range(0, noise.Shape[0]).SelectMany(i => image(i).Select(pixel => pixel * 2 - 1))], [noise.Shape[0], 1, 28, 28]);

    private static byte[] SyntheticDigitsFile(IReadOnlyList<float[]> images)
    {
        var file = new byte[12 + images.Count * 785];
        "QBMNIST1"u8.CopyTo(file);
        BitConverter.TryWriteBytes(file.AsSpan(8), images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            for (var p = 0; p < 784; p++)
            {
                file[12 + i * 785 + 1 + p] = (byte)MathF.Round(images[i][p] * 255);
            }
        }
        return file;
    }
}
