using QuestionBank.Data.Runs;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// Models that lie about their weights, in the real jail: the compression judges read the submitted
/// state and run it with their own code, so a forward that does not use those weights, or a state
/// that is too big, gains nothing.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class HostileWeightsTests
{
    [Fact]
    public async Task APrunedModelWhoseForwardUsesAHiddenDenseNetworkIsJudgedOnItsZeroWeights()
    {
        var result = await TestSandbox.RunAsync("prune", """
            using TorchSharp;
            using TorchSharp.Modules;
            using QuestionBank.Exercises.Compression;
            using static TorchSharp.torch;
            using static TorchSharp.torch.nn;

            public class Solution
            {
                public void Run(ExerciseContext ctx) => ctx.Submit(new Cheat(ctx.LoadPretrained()));
            }

            // Its registered weights are all zero (sparsity 1); its forward is the dense network's, kept
            // in a list, which TorchSharp does not register.
            public class Cheat : Module<Tensor, Tensor>
            {
                private readonly Conv2d conv1 = Conv2d(1, 16, 5, padding: 2);
                private readonly Conv2d conv2 = Conv2d(16, 32, 5, padding: 2);
                private readonly Linear fc1 = Linear(32 * 7 * 7, 128);
                private readonly Linear fc2 = Linear(128, 10);
                private readonly List<DigitNet> hidden = [];

                public Cheat(DigitNet dense) : base(nameof(Cheat))
                {
                    hidden.Add(dense);
                    RegisterComponents();
                    using var noGrad = no_grad();
                    foreach (var parameter in parameters())
                    {
                        parameter.zero_();
                    }
                }

                public override Tensor forward(Tensor input) => hidden[0].forward(input);
            }
            """, TestSandbox.Limits(timeoutSeconds: 300));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.False(result.GoalsMet);
        Assert.Equal(1.0, result.Metrics["sparsity"]);
        Assert.True(result.Metrics["test_accuracy"] < 0.2, $"test_accuracy {result.Metrics["test_accuracy"]}");
    }

    [Fact]
    public async Task AModelWithAStateOverTheLimitIsRejected()
    {
        var result = await TestSandbox.RunAsync("distill", """
            using TorchSharp;
            using static TorchSharp.torch;
            using static TorchSharp.torch.nn;

            public class Solution
            {
                public void Run(ExerciseContext ctx) => ctx.Submit(new Huge());
            }

            public class Huge : Module<Tensor, Tensor>
            {
                private readonly Tensor padding = zeros(1024, 1024);

                public Huge() : base(nameof(Huge)) => RegisterComponents();

                public override Tensor forward(Tensor input) => zeros(input.shape[0], 10);
            }
            """, TestSandbox.Limits(timeoutSeconds: 300));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Empty(result.Metrics);
        Assert.Contains("more than 2097152 bytes", result.Diagnostics.Message);
    }
}
