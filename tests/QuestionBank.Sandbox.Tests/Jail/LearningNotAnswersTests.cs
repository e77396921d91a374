using System.Text;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// Sources that trained nothing, run in the real jail: the goals stay out of their reach. The corpus
/// runs each of them too; here the tabulating ones get their tables of the public digits, built as an
/// attacker would, from the same mnist.bin.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class LearningNotAnswersTests
{
    private const string EmptyTable = "private const string Table = \"\";";

    [Fact]
    public async Task AForwardThatLooksUpEveryPublicHeldOutDigitsLabelFailsTheRun()
    {
        var (_, test) = PublicSplit();

        var result = await RunTabulatedAsync("cnn-tabulated-held-out", test, label => label);

        Assert.InRange(result.Metrics["test_accuracy"], 0, 0.2);
    }

    [Fact]
    public async Task APythonForwardThatLooksUpEveryPublicHeldOutDigitUnderThePermutationItReadOffTheTrainingDigitsFailsTheRun()
    {
        var (train, test) = PublicSplit();
        var hostile = HostileSource.Load("python-cnn-tabulated-held-out");
        Assert.Contains("TABLE = \"\"", hostile.Source);
        Assert.Contains("TRAINING = \"\"", hostile.Source);
        // 300 training digits name every class: enough to read the run's permutation off their labels.
        var source = hostile.Source
            .Replace("TABLE = \"\"", $"TABLE = \"{Table(test, label => label)}\"", StringComparison.Ordinal)
            .Replace("TRAINING = \"\"", $"TRAINING = \"{Table(train.Select([.. Enumerable.Range(0, 300)]), label => label)}\"", StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(source), 10_000, 64 * 1024);

        var result = await TestSandbox.RunAsync(hostile.Exercise, source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb),
            language: hostile.Language);

        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        Assert.Contains("permutation read: [", result.Output);
        Assert.DoesNotContain("permutation read: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", result.Output);
        Assert.InRange(result.Metrics["test_accuracy"], 0, 0.2);
    }

    [Fact]
    public async Task ATransferForwardThatLooksUpEveryDigitFiveToNineItCouldBeAskedFailsTheRun()
    {
        var (train, test) = PublicSplit();
        var pool = TransferExercise.HeldOutPool(train, test);

        var result = await RunTabulatedAsync("transfer-tabulated-held-out", pool, label => label - TransferExercise.FirstDigit);

        // Its table's default, class 0 (the digit 5), is right for about a fifth of the digits.
        Assert.InRange(result.Metrics["test_accuracy"], 0, 0.3);
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

    [Fact]
    public async Task AStudentTrainedOfflineOnThePublicDigitsAndWrittenIntoTheSourceFailsDistill()
    {
        var hostile = HostileSource.Load("distill-offline-student");

        var result = await TestSandbox.RunAsync("distill", hostile.Source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb));

        // Small enough and accurate on the public digits, it names them as they are, not as the run does.
        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        Assert.InRange(result.Metrics["parameter_ratio"], 0, 0.1);
        Assert.InRange(result.Metrics["test_accuracy"], 0, 0.2);
    }

    [Fact]
    public async Task AForecasterWrittenForTheSeriesFormerPublicFormulaFailsLstm()
    {
        var hostile = HostileSource.Load("lstm-formula-forecaster");

        var result = await TestSandbox.RunAsync("lstm", hostile.Source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb));

        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        Assert.True(result.Metrics["mse_ratio"] > 0.2, $"mse_ratio {result.Metrics["mse_ratio"]}");
    }

    /// <summary>Runs the corpus source <paramref name="name"/> with its table filled with <paramref name="digits"/>, as an attacker would; it must fail on its metric.</summary>
    private static async Task<RunResult> RunTabulatedAsync(string name, DigitRecords digits, Func<int, int> answer)
    {
        var hostile = HostileSource.Load(name);
        Assert.Contains(EmptyTable, hostile.Source);
        var source = hostile.Source.Replace(EmptyTable, $"private const string Table = \"{Table(digits, answer)}\";", StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(source), 10_000, 64 * 1024);

        var result = await TestSandbox.RunAsync(hostile.Exercise, source, TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb));

        Assert.True(result.Status == RunStatus.Failed, $"{result.Status}: {result.Diagnostics.Message}");
        return result;
    }

    private static (DigitRecords Train, DigitRecords Test) PublicSplit() =>
        MnistFile.Split(MnistFile.Read(File.ReadAllBytes(Path.Combine(new SandboxOptions().DataDirectory, MnistFile.FileName))));

    /// <summary>"hash:answer," for each of <paramref name="digits"/>, as the corpus sources read it: FNV-1a of the 784 pixel bytes.</summary>
    private static string Table(DigitRecords digits, Func<int, int> answer)
    {
        var table = new StringBuilder();
        for (var i = 0; i < digits.Count; i++)
        {
            var hash = 2166136261u;
            foreach (var pixel in digits.Image(i))
            {
                hash = (hash ^ pixel) * 16777619u;
            }
            table.Append($"{hash:x8}:{answer(digits.Labels[i])},");
        }
        return table.ToString();
    }
}
