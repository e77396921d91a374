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

    [Theory]
    [InlineData("transformer")]
    [InlineData("rnn-classify")]
    public async Task WordLanguageReferenceMeetsItsGoalOnHeldOutWordsWhileTheStarterDoesNot(string id)
    {
        var images = Directory.CreateTempSubdirectory("qb-words-");
        try
        {
            var goal = ExerciseCatalog.Find(id)!.Goals.Single(goal => goal.Metric == "test_accuracy").Minimum;
            var reference = await SandboxCli.RunAsync("--exercise", id, "--solution", "--images", images.FullName, "--timeout-seconds", Generous);
            var starter = await SandboxCli.RunAsync("--exercise", id, "--timeout-seconds", Generous);

            Assert.Equal("succeeded", reference.Status);
            Assert.True(reference.Metric("test_accuracy") >= goal, $"test_accuracy {reference.Metric("test_accuracy")}, goal {goal}");
            Assert.Contains("train_accuracy=", reference.Progress);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(Path.Combine(images.FullName, "confusion.png")))[..4]);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(Path.Combine(images.FullName, "loss.png")))[..4]);
            // The starter runs to the end and is judged, and its accuracy misses the goal: a failed run.
            Assert.Equal("failed", starter.Status);
            Assert.False(starter.Result.GetProperty("goalsMet").GetBoolean());
            Assert.True(starter.Metric("test_accuracy") < goal, $"the starter reached test_accuracy {starter.Metric("test_accuracy")}");
        }
        finally
        {
            images.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PruneReferenceZeroesOverNinetyPercentOfTheWeightsAndKeeps96PercentAccuracy()
    {
        var run = await SandboxCli.RunAsync("--exercise", "prune", "--solution", "--timeout-seconds", Generous);

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("sparsity") >= 0.9, $"sparsity {run.Metric("sparsity")}");
        Assert.True(run.Metric("test_accuracy") >= 0.96, $"test_accuracy {run.Metric("test_accuracy")}");
        Assert.Contains("sparsity=", run.Progress);
    }

    [Fact]
    public async Task QuantizeReferenceIsOverThreeTimesSmallerAndLosesUnderOnePointOfAccuracy()
    {
        var run = await SandboxCli.RunAsync("--exercise", "quantize", "--solution", "--timeout-seconds", Generous);

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("compression_ratio") >= 3, $"compression_ratio {run.Metric("compression_ratio")}");
        Assert.True(run.Metric("accuracy_drop") <= 0.01, $"accuracy_drop {run.Metric("accuracy_drop")}");
    }

    [Fact]
    public async Task DistillReferenceStudentWithATenthOfTheTeachersParametersReachesTheGoal()
    {
        var run = await SandboxCli.RunAsync("--exercise", "distill", "--solution", "--timeout-seconds", Generous);

        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Metric("parameter_ratio") <= 0.1, $"parameter_ratio {run.Metric("parameter_ratio")}");
        Assert.True(run.Metric("test_accuracy") >= 0.95, $"test_accuracy {run.Metric("test_accuracy")}");
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
