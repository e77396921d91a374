using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Execution;

/// <summary>The transfer exercise's backbone, trained by trusted code in the real jail into a data directory of its own.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class TrustedBackboneTests
{
    private static readonly string PreparedHome = new SandboxOptions().Home;

    [Fact]
    public async Task TheBackboneIsTrainedOnceOnTheDigitsZeroToFourOnlyAndThenReadFromTheDataDirectory()
    {
        var home = Directory.CreateTempSubdirectory("qb-backbone-");
        try
        {
            Directory.CreateDirectory(Path.Combine(home.FullName, "data"));
            File.CreateSymbolicLink(Path.Combine(home.FullName, "root"), Path.Combine(PreparedHome, "root"));
            var mnist = await File.ReadAllBytesAsync(Path.Combine(PreparedHome, "data", MnistFile.FileName));
            await File.WriteAllBytesAsync(Path.Combine(home.FullName, "data", MnistFile.FileName), mnist);
            using var host = TestSandbox.CreateHost(new Dictionary<string, string?> { [$"{SandboxOptions.SectionName}:Home"] = home.FullName });
            var trusted = host.Services.GetRequiredService<TrustedJobs>();
            var cached = Path.Combine(home.FullName, "data", DigitBackbone.FileName);

            var weights = await trusted.EnsureTrainedAsync(DigitBackbone.FileName, RunnerMode.TrainBackbone, CancellationToken.None);
            var trainedAt = File.GetLastWriteTimeUtc(cached);
            var again = await trusted.EnsureTrainedAsync(DigitBackbone.FileName, RunnerMode.TrainBackbone, CancellationToken.None);

            Assert.Equal(weights, await File.ReadAllBytesAsync(cached));
            Assert.Equal(weights, again);
            Assert.Equal(trainedAt, File.GetLastWriteTimeUtc(cached));

            // Trained on digits whose 5–9 are blanked out, with the same seed, it comes out the same:
            // it never saw them. Its accuracy is measured on the held-out 0–4.
            var retrained = await trusted.RunAsync(RunnerMode.TrainBackbone,
                new Dictionary<string, byte[]> { [MnistFile.FileName] = BlankFiveToNine(mnist) }, CancellationToken.None);

            Assert.Equal(weights, Convert.FromBase64String(retrained.Data!));
            Assert.True(retrained.Metrics!["test_accuracy"] >= 0.97, $"held-out 0–4 accuracy {retrained.Metrics["test_accuracy"]}");
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>The digits file with every 5–9 image's pixels zeroed.</summary>
    private static byte[] BlankFiveToNine(byte[] mnist)
    {
        var blanked = (byte[])mnist.Clone();
        for (var offset = 12; offset < blanked.Length; offset += 1 + MnistFile.PixelsPerImage)
        {
            if (blanked[offset] >= TransferExercise.FirstDigit)
            {
                blanked.AsSpan(offset + 1, MnistFile.PixelsPerImage).Clear();
            }
        }
        return blanked;
    }
}
