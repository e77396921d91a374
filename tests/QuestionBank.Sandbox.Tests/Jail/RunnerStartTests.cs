using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// User code can read the runner's standard output back through /proc/self/fd/1 and take the lines the worker
/// has not read yet: under load the corpus's python-forged-status-via-proc-fd took the compiler's report, and
/// its forged one with errors made the run a compile_error. So the runners wait for the worker's start.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class RunnerStartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public static TheoryData<string, string> Sources => new()
    {
        { ExerciseLanguages.CSharp, "public class Solution { public void Run(ExerciseContext ctx) => Console.WriteLine(\"ran\"); }" },
        { ExerciseLanguages.Python, "def run(ctx):\n    print(\"ran\")\n" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task TheLearnersCodeStartsOnlyOnceTheWorkerHasReadTheCompilersReport(string language, string source)
    {
        using var host = TestSandbox.CreateHost(TestSandbox.Limits(timeoutSeconds: 60));
        var jail = host.Services.GetRequiredService<SandboxJail>();
        var lstm = ExerciseCatalog.Find("lstm")!;
        var job = new RunnerHeader(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), RunnerMode.Run, "lstm", ComputeDevices.Cpu,
            1, lstm.Defaults.LearningRate, lstm.Defaults.BatchSize, 1, 65536, [], language);
        var files = ExerciseRegistry.Find("lstm")!.CreateJudge(new Dictionary<string, byte[]>()).TrainingFiles;
        await using var session = await jail.StartAsync(job, source, files, CancellationToken.None);

        var compiled = await session.Messages.ReadAsync();
        Assert.Equal(RunnerMessage.Compiled, compiled.Type);
        Assert.Empty(compiled.CompileErrors!);
        using (var quiet = new CancellationTokenSource(Patience))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await session.Messages.WaitToReadAsync(quiet.Token));
        }

        Assert.True(await session.SendAsync(new RunnerRequest(RunnerRequest.Start)));
        Assert.Equal(RunnerMessage.Started, (await session.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1))).Type);
        await session.SendAsync(new RunnerRequest(RunnerRequest.End));
    }
}
