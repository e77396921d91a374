using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>The Python runner in the real jail: compile errors, failures, output and the state it sends.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class PythonRunnerTests
{
    private static readonly ExerciseParameters QuickLstm = new(Epochs: 1, LearningRate: 0.005, BatchSize: 64, Seed: 1);

    [Fact]
    public async Task APythonSyntaxErrorIsACompileErrorAtItsLineAndColumn()
    {
        var result = await RunPythonAsync("import torch\n\ndef run(ctx):\n    model = torch.nn.Linear(24, 1)\n    ctx.submit(model))\n");

        Assert.Equal(RunStatus.CompileError, result.Status);
        var error = Assert.Single(result.Diagnostics.CompileErrors);
        Assert.Equal(new CompileError(5, 22, "SyntaxError", "unmatched ')'"), error);
    }

    [Fact]
    public async Task APythonSourceWithoutARunFunctionIsACompileError()
    {
        var result = await RunPythonAsync("def train(ctx):\n    pass\n");

        Assert.Equal(RunStatus.CompileError, result.Status);
        Assert.Equal("QB0002", Assert.Single(result.Diagnostics.CompileErrors).Code);
    }

    [Fact]
    public async Task AnExceptionFailsTheRunWithTheLearnersLineAndWhatItPrintedIsItsOutput()
    {
        var result = await RunPythonAsync("""
            import sys

            def run(ctx):
                print("windows:", ctx.series.windows()[0].shape, "epochs:", ctx.epochs)
                print("to stderr", file=sys.stderr)
                raise ValueError("the learner's own error")
            """);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("File \"solution.py\", line 6, in run", result.Diagnostics.Message);
        Assert.Contains("ValueError: the learner's own error", result.Diagnostics.Message);
        Assert.DoesNotContain("runner.py", result.Diagnostics.Message);
        Assert.Contains("windows: torch.Size([976, 24, 1]) epochs: 1", result.Output);
        Assert.Contains("to stderr", result.Output);
    }

    [Fact]
    public async Task APythonRunThatAsksForCudaOrMeetsACudaOnlyWorkerIsRefusedSayingWhy()
    {
        var lstm = ExerciseCatalog.Lstm.Code(ExerciseLanguages.Python).Solution;
        using var cudaOnly = TestSandbox.CreateHost(configure: builder => builder.Services.Configure<SandboxOptions>(options => options.Devices = [ComputeDevices.Cuda]));
        var executor = cudaOnly.Services.GetRequiredService<RunExecutor>();

        var onCuda = await executor.ExecuteAsync(new RunRequest("lstm", lstm, ComputeDevices.Cuda, QuickLstm, ExerciseLanguages.Python), null, CancellationToken.None);
        var onCpu = await executor.ExecuteAsync(new RunRequest("lstm", lstm, ComputeDevices.Cpu, QuickLstm, ExerciseLanguages.Python), null, CancellationToken.None);

        Assert.All([onCuda, onCpu], result =>
        {
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Contains("Python runs use Debian's CPU build of PyTorch", result.Diagnostics.Message);
        });
    }

    /// <summary>
    /// The state a weight judge would ask for: QBSTATE1 as the C# runner writes it, which ModelState.Parse accepts only when
    /// every byte is where the format puts it (no trailing bytes).
    /// </summary>
    [Fact]
    public async Task ThePythonRunnerAnswersAStateRequestInQbState1ThatTheJudgesParse()
    {
        var state = await AskStateAsync("""
            import torch
            from torch import nn

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc1 = nn.Linear(3, 2)
                    self.register_buffer("q", torch.tensor([[-128, 0, 127]], dtype=torch.int8))

                def forward(self, x):
                    return self.fc1(x)

            def run(ctx):
                net = Net()
                with torch.no_grad():
                    net.fc1.weight.copy_(torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4)
                    net.fc1.bias.fill_(-1.5)
                ctx.submit(net)
            """);

        // state_dict's order: a module's own parameters and buffers, then its children's.
        Assert.Equal(["q", "fc1.weight", "fc1.bias"], state.Tensors.Select(tensor => tensor.Name));
        Assert.Equal([2, 3], state.Find("fc1.weight")!.Shape);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f], state.Find("fc1.weight")!.ToFloats());
        Assert.Equal([-1.5f, -1.5f], state.Find("fc1.bias")!.ToFloats());
        Assert.Equal(StateType.Int8, state.Find("q")!.Type);
        Assert.Equal([-128f, 0f, 127f], state.Find("q")!.ToFloats());
    }

    [Fact]
    public async Task AStateOfAnotherTypeOrAPicklePayloadIsRefusedBeforeTheJudgeReadsIt()
    {
        var problem = await Assert.ThrowsAsync<JudgeException>(() => AskStateAsync("""
            import io
            import pickle
            import sys
            import torch
            from torch import nn

            def run(ctx):
                payload = pickle.dumps({"weights": [1.0, 2.0]})
                model = nn.Linear(2, 1)
                model.register_buffer("blob", torch.frombuffer(bytearray(payload), dtype=torch.uint8))
                ctx.submit(model)
            """));
        var forged = await Assert.ThrowsAsync<JudgeException>(() => AskStateAsync("""
            import pickle
            import sys
            from torch import nn

            def run(ctx):
                sys.modules["__main__"].encode_state = lambda model, torch: pickle.dumps(model.state_dict())
                ctx.submit(nn.Linear(2, 1))
            """));

        Assert.Contains("uint8", problem.Message);
        Assert.Contains("not in the QBSTATE1 format", forged.Message);
    }

    /// <summary>
    /// ctx.create_cart_pole() (runner.py) is C#'s ctx.CreateCartPole() step for step: the same start states from the
    /// same seed (.NET's seeded Random), the same physics and the same twist of observations and actions, float for float.
    /// </summary>
    [Fact]
    public async Task ThePythonCartPoleStepsAsTheCSharpOneUnderTheSameTwistAndSeed()
    {
        var twist = CartPoleTwist.Draw(new Random(11));
        var parameters = new ExerciseParameters(Epochs: 1, LearningRate: 0.001, BatchSize: 64, Seed: 5);
        // Two environments of two episodes each, under a scripted policy: every row is a state,
        // then the reward, terminated and truncated of the step that led to it (zeros after a reset).
        var state = await AskStateAsync("""
            import torch
            from torch import nn

            def run(ctx):
                rows = []
                for _ in range(2):
                    environment = ctx.create_cart_pole()
                    for _ in range(2):
                        rows.append(environment.reset() + [0.0, 0.0, 0.0])
                        t = 0
                        while True:
                            step = environment.step((t // 3) % 2)
                            rows.append(list(step.state) + [step.reward, float(step.terminated), float(step.truncated)])
                            t += 1
                            if step.done:
                                break
                model = nn.Module()
                model.register_buffer("trajectory", torch.tensor(rows))
                ctx.submit(model)
            """, "dqn", new Dictionary<string, byte[]> { [CartPoleTwist.FileName] = twist.ToBytes() }, parameters);

        var expected = new List<float>();
        for (var made = 0; made < 2; made++)
        {
            var environment = new CartPole(parameters.Seed * 7919 + made, twist);
            for (var episode = 0; episode < 2; episode++)
            {
                expected.AddRange([.. environment.Reset(), 0, 0, 0]);
                for (var t = 0; ; t++)
                {
                    var step = environment.Step(t / 3 % 2);
                    expected.AddRange([.. step.State, step.Reward, step.Terminated ? 1 : 0, step.Truncated ? 1 : 0]);
                    if (step.Done)
                    {
                        break;
                    }
                }
            }
        }
        var trajectory = state.Find("trajectory")!;
        Assert.Equal([expected.Count / 7, 7], trajectory.Shape);
        Assert.Equal(expected, trajectory.ToFloats());
    }

    [Fact]
    public async Task AJobThePythonRunnerCannotRunFailsBeforeCompilingSayingWhy()
    {
        using var host = TestSandbox.CreateHost(TestSandbox.Limits(timeoutSeconds: 60));
        var jail = host.Services.GetRequiredService<SandboxJail>();
        var job = new RunnerHeader(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), RunnerMode.TrainJudge, "lstm", ComputeDevices.Cpu,
            QuickLstm.Epochs, QuickLstm.LearningRate, QuickLstm.BatchSize, QuickLstm.Seed, 65536, [], ExerciseLanguages.Python);
        await using var session = await jail.StartAsync(job, "def run(ctx):\n    pass\n", new Dictionary<string, byte[]>(), CancellationToken.None);
        var model = new JailedModel(session, null);

        await model.PumpAsync(() => { });

        Assert.Null(model.CompileErrors);
        Assert.Contains("not TrainJudge", model.Failure?.Diagnostics);
    }

    [Fact]
    public async Task APythonRunAfterAnotherTakesTheSpareJailStartedWithTorchImportedAndLeavesANewOneForTheNext()
    {
        using var host = TestSandbox.CreateHost(TestSandbox.Limits(timeoutSeconds: 120));
        var executor = host.Services.GetRequiredService<RunExecutor>();
        var jail = host.Services.GetRequiredService<SandboxJail>();
        var request = new RunRequest("lstm", ExerciseCatalog.Lstm.Code(ExerciseLanguages.Python).Starter, ComputeDevices.Cpu, QuickLstm, ExerciseLanguages.Python);

        var first = await executor.ExecuteAsync(request, null, CancellationToken.None);
        await WaitForSpareAsync(jail);
        var second = await executor.ExecuteAsync(request, null, CancellationToken.None);
        await WaitForSpareAsync(jail);

        // The starter with one epoch is judged and misses: both runs went the whole way.
        Assert.All([first, second], result =>
        {
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.True(result.Metrics.ContainsKey("mse_ratio"), result.Diagnostics.Message);
        });
        // The first run's jail, the spare the second run took, and the spare left after it.
        Assert.Equal(3, jail.Launches);
    }

    private static async Task WaitForSpareAsync(SandboxJail jail)
    {
        for (var waited = 0; !jail.HasSpare; waited++)
        {
            Assert.True(waited < 600, "no spare Python jail was started after a Python run");
            await Task.Delay(100);
        }
    }

    private static Task<RunResult> RunPythonAsync(string source) =>
        TestSandbox.RunAsync("lstm", source, TestSandbox.Limits(timeoutSeconds: 120), QuickLstm, ExerciseLanguages.Python);

    /// <summary>
    /// Runs <paramref name="source"/> for <paramref name="exercise"/> (lstm, with its judge's training files unless
    /// <paramref name="files"/> are given) in the Python runner and asks its submitted model for its state, as a weight judge does.
    /// </summary>
    private static async Task<ModelState> AskStateAsync(
        string source, string exercise = "lstm", IReadOnlyDictionary<string, byte[]>? files = null, ExerciseParameters? parameters = null)
    {
        using var host = TestSandbox.CreateHost(TestSandbox.Limits(timeoutSeconds: 120));
        var jail = host.Services.GetRequiredService<SandboxJail>();
        files ??= ExerciseRegistry.Find(exercise)!.CreateJudge(new Dictionary<string, byte[]>()).TrainingFiles;
        var run = parameters ?? QuickLstm;
        var job = new RunnerHeader(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), RunnerMode.Run, exercise, ComputeDevices.Cpu,
            run.Epochs, run.LearningRate, run.BatchSize, run.Seed, 65536, [], ExerciseLanguages.Python);
        await using var session = await jail.StartAsync(job, source, files, CancellationToken.None);
        var model = new JailedModel(session, null);
        Task<ModelState>? asked = null;
        await model.PumpAsync(() => asked = AskThenEndAsync());
        Assert.True(asked is not null, $"the model was never ready: {model.Failure?.Diagnostics}");
        return await asked;

        async Task<ModelState> AskThenEndAsync()
        {
            try
            {
                return await model.StateAsync(CancellationToken.None);
            }
            finally
            {
                session.Kill();
            }
        }
    }
}
