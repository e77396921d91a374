using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Cli;

/// <summary>
/// The Python (PyTorch) references meet the same goals, judged by the same C# judges in the worker, and
/// their starters run to the end and miss them: through the run command, as ReferenceSolutionTests does for C#.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Reference)]
[Collection(SandboxCollection.Name)]
public sealed class PythonReferenceSolutionTests
{
    // As in ReferenceSolutionTests: how fast is bench/sandbox.sh's job, and a busy machine must not fail a correct reference.
    private const string Generous = "900";

    [Fact]
    public async Task PythonCnnReferenceClassifiesTheRunsDistortedHeldOutDigitsWithAtLeast95PercentAccuracyAndItsStarterDoesNot()
    {
        var reference = await RunAsync("cnn", "--solution");
        var starter = await RunAsync("cnn");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("test_accuracy") >= 0.95, $"test_accuracy {reference.Metric("test_accuracy")}");
        Assert.Contains("step 25: loss=", reference.Progress);
        Assert.Contains("epoch 5: loss", reference.Result.GetProperty("output").GetString());
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("test_accuracy") < 0.95, $"the starter reached test_accuracy {starter.Metric("test_accuracy")}");
    }

    [Fact]
    public async Task PythonLstmReferenceForecastsWithAFifthOfTheNaiveForecastsErrorAndItsStarterDoesNot()
    {
        var reference = await RunAsync("lstm", "--solution");
        var starter = await RunAsync("lstm");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("test_mse") <= reference.Metric("baseline_mse") / 5,
            $"test_mse {reference.Metric("test_mse")}, baseline_mse {reference.Metric("baseline_mse")}");
        Assert.Contains("step 30: loss=", reference.Progress);
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("mse_ratio") > ExerciseCatalog.Lstm.Goals.Single().Maximum, $"the starter reached mse_ratio {starter.Metric("mse_ratio")}");
    }

    [Fact]
    public async Task PythonPruneReferenceZeroesOverNinetyPercentOfTheWeightsAndKeeps96PercentAccuracyAndItsStarterPrunesNothing()
    {
        var reference = await RunAsync("prune", "--solution");
        var starter = await RunAsync("prune");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("sparsity") >= 0.9, $"sparsity {reference.Metric("sparsity")}");
        Assert.True(reference.Metric("test_accuracy") >= 0.96, $"test_accuracy {reference.Metric("test_accuracy")}");
        Assert.Contains("sparsity=", reference.Progress);
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("sparsity") < 0.9, $"the starter reached sparsity {starter.Metric("sparsity")}");
    }

    [Fact]
    public async Task PythonQuantizeReferenceIsOverThreeTimesSmallerAndLosesUnderOnePointOfAccuracyAndItsStarterLosesMore()
    {
        var reference = await RunAsync("quantize", "--solution");
        var starter = await RunAsync("quantize");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("compression_ratio") >= 3, $"compression_ratio {reference.Metric("compression_ratio")}");
        Assert.True(reference.Metric("accuracy_drop") <= 0.01, $"accuracy_drop {reference.Metric("accuracy_drop")}");
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("accuracy_drop") > 0.01, $"the starter's accuracy_drop {starter.Metric("accuracy_drop")}");
    }

    [Fact]
    public async Task PythonDistillReferenceStudentWithATenthOfTheTeachersParametersReachesTheGoalAndOnTheLabelsAloneItDoesNot()
    {
        var reference = await RunAsync("distill", "--solution");
        var starter = await RunAsync("distill");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("parameter_ratio") <= 0.1, $"parameter_ratio {reference.Metric("parameter_ratio")}");
        Assert.True(reference.Metric("test_accuracy") >= 0.95, $"test_accuracy {reference.Metric("test_accuracy")}");
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("test_accuracy") < 0.95, $"the starter reached test_accuracy {starter.Metric("test_accuracy")}");
    }

    [Fact]
    public async Task PythonTransformerReferenceTellsTheLanguagesOfHeldOutWordsAndItsBagOfLettersStarterDoesNot()
    {
        var goal = ExerciseCatalog.Find("transformer")!.Goals.Single(goal => goal.Metric == "test_accuracy").Minimum!.Value;

        var reference = await RunAsync("transformer", "--solution");
        var starter = await RunAsync("transformer");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("test_accuracy") >= goal, $"test_accuracy {reference.Metric("test_accuracy")}");
        Assert.Contains("train_accuracy=", reference.Progress);
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("test_accuracy") < goal, $"the starter reached test_accuracy {starter.Metric("test_accuracy")}");
    }

    [Fact]
    public async Task PythonRnnClassifyReferenceTellsTheLanguagesOfHeldOutWordsAndItsUntrainedStarterDoesNot()
    {
        var goal = ExerciseCatalog.Find("rnn-classify")!.Goals.Single(goal => goal.Metric == "test_accuracy").Minimum!.Value;

        var reference = await RunAsync("rnn-classify", "--solution");
        var starter = await RunAsync("rnn-classify");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("test_accuracy") >= goal, $"test_accuracy {reference.Metric("test_accuracy")}");
        Assert.Contains("train_accuracy=", reference.Progress);
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("test_accuracy") < goal, $"the starter reached test_accuracy {starter.Metric("test_accuracy")}");
    }

    [Fact]
    public async Task PythonTransferReferenceFromThePretrainedBackboneMeetsItsGoalAndItsFromScratchStarterDoesNot()
    {
        // The starter is the from-scratch baseline (0.80 measured, 0.75-0.83 by seed in C#) against the goal's 0.84.
        var goal = ExerciseCatalog.Transfer.Goals.Single().Minimum!.Value;

        var reference = await RunAsync("transfer", "--solution");
        var starter = await RunAsync("transfer");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("test_accuracy") >= goal, $"test_accuracy {reference.Metric("test_accuracy")}");
        Assert.Contains("step 20: loss=", reference.Progress);
        Assert.Contains("epoch 2: loss", reference.Result.GetProperty("output").GetString());
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("test_accuracy") < goal, $"the starter reached test_accuracy {starter.Metric("test_accuracy")}");
    }

    [Fact]
    public async Task PythonGanReferenceGeneratesDigitsTheReferenceCnnRecognisesConfidentlyAndItsStarterDoesNot()
    {
        var reference = await RunAsync("gan", "--solution");
        var starter = await RunAsync("gan");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("confident_fraction") >= 0.8, $"confident_fraction {reference.Metric("confident_fraction")}");
        Assert.True(reference.Metric("classes_covered") >= 8, $"classes_covered {reference.Metric("classes_covered")}");
        // Its samples are its own: few are as near a real digit as a copy, or near-duplicates of each other.
        Assert.True(reference.Metric("copied_fraction") <= 0.2, $"copied_fraction {reference.Metric("copied_fraction")}");
        Assert.True(reference.Metric("duplicate_fraction") <= 0.2, $"duplicate_fraction {reference.Metric("duplicate_fraction")}");
        Assert.Contains("d_loss=", reference.Progress);
        Assert.Contains("g_loss=", reference.Progress);
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("confident_fraction") < 0.8, $"the starter reached confident_fraction {starter.Metric("confident_fraction")}");
    }

    [Fact]
    public async Task PythonDqnReferenceBalancesThePoleForAMeanReturnOfAtLeast195AndItsStarterDoesNot()
    {
        var reference = await RunAsync("dqn", "--solution");
        var starter = await RunAsync("dqn");

        Assert.Equal("succeeded", reference.Status);
        Assert.True(reference.Metric("eval_mean_return") >= 195, $"eval_mean_return {reference.Metric("eval_mean_return")}");
        Assert.Contains("greedy_return=", reference.Progress);
        AssertJudgedAndMissed(starter);
        Assert.True(starter.Metric("eval_mean_return") < 195, $"the starter reached eval_mean_return {starter.Metric("eval_mean_return")}");
    }

    private static Task<SandboxCli.Outcome> RunAsync(string exercise, params string[] more) =>
        SandboxCli.RunAsync(["--exercise", exercise, "--language", "python", "--timeout-seconds", Generous, .. more]);

    /// <summary>The starter ran to the end and was judged, and its metrics miss the goal: a failed run.</summary>
    private static void AssertJudgedAndMissed(SandboxCli.Outcome starter)
    {
        Assert.Equal("failed", starter.Status);
        Assert.False(starter.Result.GetProperty("goalsMet").GetBoolean());
        Assert.Equal(1, starter.ExitCode);
    }
}
