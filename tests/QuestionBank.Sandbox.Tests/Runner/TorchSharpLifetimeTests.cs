using QuestionBank.Data.Runs;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Runner;

/// <summary>
/// TorchSharp hands libtorch the native handle of a Scalar and lets the managed object die at once;
/// a collection started by another thread during the native call then frees the value libtorch is
/// reading. The runner's TorchSharp is woven to keep such arguments alive (LifetimeWeaver); with the
/// package's own TorchSharp this source fails a few of its operations in every run.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class TorchSharpLifetimeTests
{
    [Fact]
    public async Task ScalarArgumentsSurviveCollectionsThatOtherThreadsStartDuringNativeCalls()
    {
        var result = await TestSandbox.RunAsync("lstm", """
            using TorchSharp;
            using static TorchSharp.torch;

            public class Solution
            {
                public static object? Sink;

                public void Run(ExerciseContext ctx)
                {
                    var state = zeros(64);
                    var gradient = ones(64);
                    var failures = 0;
                    var stop = false;
                    var allocator = new Thread(() => { while (!Volatile.Read(ref stop)) { Sink = new byte[64]; } }) { IsBackground = true };
                    allocator.Start();
                    var collections = GC.CollectionCount(0);
                    for (var i = 0; i < 500_000; i++)
                    {
                        try
                        {
                            state.mul_(0.999).addcmul_(gradient, gradient, value: 0.001);
                        }
                        catch (Exception)
                        {
                            failures++;
                        }
                    }
                    Volatile.Write(ref stop, true);
                    Console.WriteLine($"failures {failures} collections {GC.CollectionCount(0) - collections}");
                    ctx.Submit(nn.Linear(1, 1));
                }
            }
            """, TestSandbox.Limits(timeoutSeconds: 120));

        Assert.Contains("failures 0 collections", result.Output);
        // The check means something only if collections did happen while the loop ran.
        var collections = int.Parse(result.Output.Split("collections ")[1].Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(collections > 1000, $"only {collections} collections: {result.Output}");
        Assert.NotEqual(RunStatus.Timeout, result.Status);
    }
}
