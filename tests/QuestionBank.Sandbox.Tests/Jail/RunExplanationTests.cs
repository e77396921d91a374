using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>A real run's explanation carries the key the pages show it by, in the reader's language.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class RunExplanationTests
{
    [Fact]
    public async Task ARunThatReturnsWithoutSubmittingAModelIsExplainedByTheRunnersWordsKey()
    {
        const string source = """
            public class Solution
            {
                public void Run(ExerciseContext ctx) { }
            }
            """;

        var result = await TestSandbox.RunAsync("lstm", source, TestSandbox.Limits(), new ExerciseParameters(Epochs: 1, LearningRate: 0.005, BatchSize: 64, Seed: 1));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(RunMessages.NotSubmitted.Key, result.Diagnostics.Explanation?.Key);
        Assert.Equal(RunMessages.NotSubmitted.English, result.Diagnostics.Message);
    }
}
