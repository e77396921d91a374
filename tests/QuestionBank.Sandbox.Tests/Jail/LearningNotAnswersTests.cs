using System.Text;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// Sources that trained nothing, run in the real jail: the goals stay out of their reach. The corpus
/// runs each of them too; here the tabulating one gets its table of the public held-out digits, built
/// as an attacker would, from the same mnist.bin.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class LearningNotAnswersTests
{
    private const string EmptyTable = "private const string Table = \"\";";

    [Fact]
    public async Task AForwardThatLooksUpEveryPublicHeldOutDigitsLabelFailsTheRun()
    {
        var hostile = HostileSource.Load("cnn-tabulated-held-out");
        Assert.Contains(EmptyTable, hostile.Source);
        var source = hostile.Source.Replace(EmptyTable, $"private const string Table = \"{HeldOutTable()}\";", StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(source), 10_000, 64 * 1024);

        var result = await TestSandbox.RunAsync("cnn", source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb));

        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        Assert.InRange(result.Metrics["test_accuracy"], 0, 0.2);
    }

    [Theory]
    [InlineData("gan-copies-training-digits", 0.99)]
    [InlineData("gan-copies-shifted-and-noisy", 0.5)]
    public async Task AGeneratorThatReturnsTrainingDigitsIsCaughtCopying(string name, double atLeast)
    {
        var hostile = HostileSource.Load(name);

        var result = await TestSandbox.RunAsync("gan", hostile.Source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb));

        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        Assert.InRange(result.Metrics["copied_fraction"], atLeast, 1);
    }

    [Fact]
    public async Task AHandWrittenControllerSubmittedAsTheQNetworkFailsTheRun()
    {
        var hostile = HostileSource.Load("dqn-hand-written-controller");

        var result = await TestSandbox.RunAsync("dqn", hostile.Source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb));

        // The judge never calls its forward: a module without the weights of a Q-network is not judged at all.
        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        Assert.Empty(result.Metrics);
    }

    /// <summary>"hash:label," for every held-out digit, as the corpus source reads it: FNV-1a of the 784 pixel bytes.</summary>
    private static string HeldOutTable()
    {
        var (_, test) = MnistDigits.Split(MnistDigits.Read(File.ReadAllBytes(Path.Combine(new SandboxOptions().DataDirectory, MnistDigits.FileName))));
        var table = new StringBuilder();
        for (var i = 0; i < test.Count; i++)
        {
            var hash = 2166136261u;
            foreach (var pixel in test.Image(i))
            {
                hash = (hash ^ pixel) * 16777619u;
            }
            table.Append($"{hash:x8}:{test.Labels[i]},");
        }
        return table.ToString();
    }
}
