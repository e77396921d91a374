using System.Reflection.PortableExecutable;

namespace QuestionBank.Sandbox.Tests.Runner;

public sealed class RunnerFolderTests
{
    /// <summary>
    /// Each run starts a fresh runner, so code left to the JIT is compiled again in every run; the
    /// compiler and TorchSharp arrive precompiled, or a run's start grows by seconds.
    /// </summary>
    [Theory]
    [InlineData("Microsoft.CodeAnalysis.dll")]
    [InlineData("Microsoft.CodeAnalysis.CSharp.dll")]
    [InlineData("TorchSharp.dll")]
    [InlineData("QuestionBank.Exercises.dll")]
    [InlineData("QuestionBank.Exercises.Catalog.dll")]
    [InlineData("QuestionBank.Sandbox.Runner.dll")]
    public void TheRunnerFolderHoldsReadyToRunImagesOfTheCompilerTorchSharpAndTheRunner(string assembly)
    {
        using var file = File.OpenRead(Path.Combine(new SandboxOptions().RunnerDirectory, assembly));
        using var reader = new PEReader(file);

        Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is IL only");
    }
}
