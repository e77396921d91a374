using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Cli;

[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class RunCommandTests
{
    [Theory]
    [InlineData("cnn", "test_accuracy")]
    [InlineData("lstm", "test_mse")]
    [InlineData("gan", "confident_fraction")]
    [InlineData("dqn", "eval_mean_return")]
    [InlineData("prune", "sparsity")]
    [InlineData("quantize", "compression_ratio")]
    [InlineData("distill", "test_accuracy")]
    public async Task StarterCompilesRunsAndIsJudgedButFailsForMissingTheGoal(string exercise, string metric)
    {
        var run = await SandboxCli.RunAsync("--exercise", exercise, "--epochs", "1");

        Assert.Equal("failed", run.Status);
        Assert.Contains("miss the goals", run.Result.GetProperty("diagnostics").GetProperty("message").GetString());
        Assert.True(run.Result.GetProperty("metrics").TryGetProperty(metric, out _));
        Assert.False(run.Result.GetProperty("goalsMet").GetBoolean());
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task SyntaxErrorEndsAsCompileErrorWithItsLineAndColumn()
    {
        var source = Path.GetTempFileName();
        await File.WriteAllTextAsync(source, "public class Solution\n{\n    public void Run(ExerciseContext ctx)\n    {\n        var x = ;\n    }\n}\n");
        try
        {
            var run = await SandboxCli.RunAsync("--exercise", "cnn", "--source", source);

            Assert.Equal("compile_error", run.Status);
            var error = run.Result.GetProperty("diagnostics").GetProperty("compileErrors")[0];
            Assert.Equal(5, error.GetProperty("line").GetInt32());
            Assert.Equal(17, error.GetProperty("column").GetInt32());
            Assert.Equal("CS1525", error.GetProperty("code").GetString());
        }
        finally
        {
            File.Delete(source);
        }
    }

    [Fact]
    public async Task CudaOnAMachineWithoutOneFailsWithAClearMessage()
    {
        var run = await SandboxCli.RunAsync("--exercise", "lstm", "--solution", "--device", "cuda");

        Assert.Equal("failed", run.Status);
        Assert.Contains("CUDA was requested", run.Result.GetProperty("diagnostics").GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownExerciseIsAUsageError()
    {
        var run = await SandboxCli.RunAsync("--exercise", "diffusion");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Choose an exercise: cnn, lstm, gan, dqn", run.Progress);
    }

    [Theory]
    [InlineData("--epoch", "3", "Unrecognized command or argument '--epoch'")]
    [InlineData("--epochs", "three", "Cannot parse argument 'three' for option '--epochs'")]
    [InlineData("--learning-rate", "0,01", "Cannot parse argument '0,01' for option '--learning-rate'")]
    [InlineData("--device", "gpu", "Argument 'gpu' not recognized")]
    public async Task AnUnknownOptionOrABadValueIsAUsageErrorThatRunsNothing(string option, string value, string message)
    {
        var run = await SandboxCli.RunAsync("--exercise", "lstm", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Progress);
        Assert.DoesNotContain("running", run.Progress);
    }
}
