using QuestionBank.Exercises;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Cli;

[Collection(SandboxCollection.Name)]
public sealed class ReferenceSolutionTests
{
    // These prove that the references meet their goals; how fast they do is bench/sandbox.sh's job,
    // and a slow or busy machine must not turn a correct reference into a timeout.
    private const string Generous = "900";

    [Fact]
    public async Task CnnReferenceClassifiesHeldOutDigitsWithAtLeast97PercentAccuracy()
    {
        var run = await SandboxCli.RunAsync("--exercise", "cnn", "--solution", "--timeout-seconds", Generous);

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("test_accuracy") >= 0.97, $"test_accuracy {run.Metric("test_accuracy")}");
        Assert.Contains("step 25: loss=", run.Progress);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task LstmReferenceForecastsWithAFifthOfTheNaiveForecastsError()
    {
        var run = await SandboxCli.RunAsync("--exercise", "lstm", "--solution");

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("test_mse") <= run.Metric("baseline_mse") / 5,
            $"test_mse {run.Metric("test_mse")}, baseline_mse {run.Metric("baseline_mse")}");
    }

    [Fact]
    public async Task GanReferenceGeneratesDigitsTheReferenceCnnRecognisesConfidently()
    {
        var images = Directory.CreateTempSubdirectory("qb-gan-");
        try
        {
            var run = await SandboxCli.RunAsync("--exercise", "gan", "--solution", "--images", images.FullName, "--timeout-seconds", Generous);

            Assert.Equal("succeeded", run.Status);
            Assert.True(run.Metric("confident_fraction") >= 0.8, $"confident_fraction {run.Metric("confident_fraction")}");
            Assert.True(run.Metric("classes_covered") >= 8, $"classes_covered {run.Metric("classes_covered")}");
            Assert.Contains("d_loss=", run.Progress);
            Assert.Contains("g_loss=", run.Progress);
            var grid = await File.ReadAllBytesAsync(Path.Combine(images.FullName, "samples.png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], grid[..4]);
        }
        finally
        {
            images.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DqnReferenceBalancesThePoleForAMeanReturnOfAtLeast195()
    {
        var run = await SandboxCli.RunAsync("--exercise", "dqn", "--solution", "--timeout-seconds", Generous);

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("eval_mean_return") >= 195, $"eval_mean_return {run.Metric("eval_mean_return")}");
        Assert.Contains("returns.png", run.Result.GetProperty("images").EnumerateArray().Select(image => image.GetString()));
    }

    [Fact]
    public async Task TransferReferenceFromThePretrainedBackboneMeetsItsGoal()
    {
        var goal = ExerciseCatalog.Transfer.Goals.Single().Minimum!.Value;

        var run = await SandboxCli.RunAsync("--exercise", "transfer", "--solution", "--timeout-seconds", Generous);

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("test_accuracy") >= goal, $"test_accuracy {run.Metric("test_accuracy")}");
        Assert.Contains("train_accuracy=", run.Progress);
        Assert.Equal(["mistakes.png", "loss.png"], run.Result.GetProperty("images").EnumerateArray().Select(image => image.GetString()));
    }

    [Fact]
    public async Task TransferStarterTrainsFromScratchAndStaysTenPointsBelowTheGoal()
    {
        // The starter is the from-scratch baseline: the same network, images and budget without the pretrained features.
        var goal = ExerciseCatalog.Transfer.Goals.Single().Minimum!.Value;

        var run = await SandboxCli.RunAsync("--exercise", "transfer", "--timeout-seconds", Generous);

        Assert.Equal("failed", run.Status);
        Assert.True(run.Metric("test_accuracy") <= goal - 0.10, $"test_accuracy {run.Metric("test_accuracy")}");
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task TrainingIsDeterministicForAGivenSeedWhileTheJudgesHeldOutNoiseIsNot()
    {
        var first = await SandboxCli.RunAsync("--exercise", "lstm", "--solution", "--seed", "5");
        var second = await SandboxCli.RunAsync("--exercise", "lstm", "--solution", "--seed", "5");

        Assert.Contains("step 30: loss=", first.Progress);
        Assert.Equal(first.Progress, second.Progress);
        // The held-out tail's noise is drawn for each run and never enters the jail.
        Assert.NotEqual(first.Metric("baseline_mse"), second.Metric("baseline_mse"));
    }
}
