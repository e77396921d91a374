using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// Every source of the hostile corpus runs in the real jail through the real executor: it ends
/// with one of the statuses its header allows (never succeeded, never with the goals met), what it
/// would store stays within <see cref="RunFootprint"/>, and after the whole corpus the reference
/// solution still succeeds.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class HostileCorpusTests(HostileCorpusTests.Corpus corpus) : IClassFixture<HostileCorpusTests.Corpus>
{
    private static readonly string[] Unsuccessful =
        [RunStatus.CompileError, RunStatus.Failed, RunStatus.Timeout, RunStatus.MemoryLimit, RunStatus.Cancelled, RunStatus.ServerBusy];

    private static readonly int BusyWallMultiple = new SandboxOptions().BusyWallMultiple;

    public static TheoryData<string> Sources => [.. Selected()];

    /// <summary>
    /// The whole corpus, or only the sources whose names start with <c>QB_HOSTILE_CORPUS</c> (such as
    /// <c>python-</c>): a filter on test names alone would still start every source in <see cref="Corpus"/>.
    /// </summary>
    public static IEnumerable<string> Selected() =>
        Environment.GetEnvironmentVariable("QB_HOSTILE_CORPUS") is { Length: > 0 } prefix
            ? HostileSource.Names().Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            : HostileSource.Names();

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task HostileSourceEndsUnsuccessfullyWithinItsLimitsAndFootprint(string name)
    {
        var hostile = HostileSource.Load(name);

        var (result, started) = await corpus.ResultAsync(name);

        Assert.All(hostile.Expected, status => Assert.Contains(status, Unsuccessful));
        // A source whose code never ran proves nothing: a runner that refused every job would pass the corpus.
        // One that reads its own standard output may take the started line before the worker reads it.
        Assert.True(started || hostile.Expected.Contains(RunStatus.CompileError) || hostile.StealsOutput,
            $"{name}'s code never started ({result.Status}: {result.Diagnostics.Message})");
        // A time limit that a busy host kept the run from reaching ends server_busy, the timeout the worker does not blame on the code.
        IReadOnlyList<string> expected = hostile.Expected.Contains(RunStatus.Timeout) ? [.. hostile.Expected, RunStatus.ServerBusy] : hostile.Expected;
        Assert.True(expected.Contains(result.Status),
            $"{name} ended {result.Status} ({result.Diagnostics.Message}); expected {string.Join(" or ", expected)}. Output: {result.Output[..Math.Min(500, result.Output.Length)]}");
        Assert.False(result.GoalsMet);
        // Seconds spent waiting for a CPU do not count against the limit, up to the wall-clock cap.
        Assert.True(result.WallSeconds < hostile.TimeoutSeconds * BusyWallMultiple + 15, $"{name} took {result.WallSeconds:0.0} s");
        Assert.InRange(result.Output.Length, 0, 70 * 1024);
        Assert.All(result.Images, image => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Png[..4]));
        Assert.InRange(result.Images.Sum(image => (long)image.Png.Length), 0, RunFootprint.MaxImagesBytes);
        Assert.InRange(result.Diagnostics.Message?.Length ?? 0, 0, RunFootprint.MaxMessageLength + 100);
        Assert.InRange(result.Diagnostics.CompileErrors.Count, 0, RunFootprint.MaxCompileErrors);
        Assert.All(result.Diagnostics.CompileErrors, error => Assert.InRange(error.Message.Length, 0, RunFootprint.MaxCompileErrorLength + 1));
    }

    /// <summary>
    /// Whatever a source leaves behind on the worker (files, processes, cgroups, a broken pool) outlives
    /// its jail, so one reference run after the whole corpus finds it.
    /// </summary>
    [Fact]
    public async Task AfterTheWholeCorpusTheReferenceStillSucceeds()
    {
        await corpus.CompletionAsync();

        var lstm = ExerciseCatalog.Find("lstm")!;
        // A generous limit: the reference's CPU weight is low, and other tests may be training.
        var healthy = await TestSandbox.RunAsync("lstm", lstm.Solution, TestSandbox.Limits(timeoutSeconds: 150), lstm.Defaults);
        Assert.True(healthy.Status == RunStatus.Succeeded, $"the reference after the corpus ended {healthy.Status}: {healthy.Diagnostics.Message}");
    }

    [Theory]
    [InlineData("compile-bomb-memory")]
    [InlineData("compile-bomb-time")]
    public async Task ACompileBombEndsWithinTheCompileLimitsWallClockCapWithItsLimitNamed(string name)
    {
        // The corpus's own run of it: its header gives it a run timeout (120 s) the compile limit must come well before.
        var (result, _) = await corpus.ResultAsync(name);

        Assert.True(result.WallSeconds < 20 * BusyWallMultiple + 10, $"{name} took {result.WallSeconds:0.0} s");
        Assert.Contains(result.Status, new[] { RunStatus.CompileError, RunStatus.MemoryLimit, RunStatus.ServerBusy });
        // Either the compiler refuses it with an error of its own, or a limit stops it and is named.
        Assert.True(result.Diagnostics.CompileErrors.Count > 0 || result.Diagnostics.Message!.Contains(" limit ", StringComparison.Ordinal),
            $"{result.Status}: {result.Diagnostics.Message}");
    }

    [Fact]
    public async Task FilesPlantedByOneRunAreGoneInTheNext()
    {
        var planter = HostileSource.Load("leave-files-for-the-next-run");
        await TestSandbox.RunAsync("lstm", planter.Source, TestSandbox.Limits());

        var result = await TestSandbox.RunAsync("lstm", """
            public class Solution
            {
                public void Run(ExerciseContext ctx)
                {
                    foreach (var path in new[] { "/tmp/qb-planted", "/dev/shm/qb-planted", "/var/tmp/qb-planted", "/job/qb-planted", "/app/qb-planted" })
                    {
                        Console.WriteLine((File.Exists(path) ? "found " : "absent ") + path);
                    }
                }
            }
            """, TestSandbox.Limits());

        Assert.Equal(5, result.Output.Split('\n').Count(line => line.StartsWith("absent ", StringComparison.Ordinal)));
        Assert.DoesNotContain("found ", result.Output);
    }

    [Fact]
    public async Task ForgedAnswerLinesAreOutputAndTheSubmittedModelIsJudgedOnItsMerits()
    {
        var forger = HostileSource.Load("forged-answers-with-a-useless-model");

        var result = await TestSandbox.RunAsync("lstm", forger.Source, TestSandbox.Limits());

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.True(result.Metrics["mse_ratio"] > 1, $"mse_ratio {result.Metrics["mse_ratio"]}");
    }

    /// <summary>
    /// The whole corpus, run once, <see cref="Parallelism"/> sources at a time: it checks containment,
    /// not speed, and a run's limits count its own CPU time, so its sources need not wait for each other.
    /// </summary>
    public sealed class Corpus
    {
        private const int Parallelism = 3;
        private readonly Lazy<IReadOnlyDictionary<string, Task<(RunResult Result, bool Started)>>> runs = new(Start);

        /// <summary>How the source's run ended, and whether its code started.</summary>
        public Task<(RunResult Result, bool Started)> ResultAsync(string name) =>
            runs.Value.TryGetValue(name, out var run) ? run : RunAsync(name, new SemaphoreSlim(1));

        /// <summary>Ends when every source's run has ended, however it ended.</summary>
        public Task CompletionAsync() => Task.WhenAll(runs.Value.Values.Select(run => run.ContinueWith(_ => { }, TaskScheduler.Default)));

        private static IReadOnlyDictionary<string, Task<(RunResult Result, bool Started)>> Start()
        {
            var slots = new SemaphoreSlim(Parallelism);
            return Selected().ToDictionary(name => name, name => RunAsync(name, slots));
        }

        private static async Task<(RunResult Result, bool Started)> RunAsync(string name, SemaphoreSlim slots)
        {
            await slots.WaitAsync();
            try
            {
                var hostile = HostileSource.Load(name);
                var exercise = ExerciseCatalog.Find(hostile.Exercise)!;
                var observer = new StartObserver();
                var result = await TestSandbox.RunAsync(hostile.Exercise, hostile.Source,
                    TestSandbox.Limits(hostile.TimeoutSeconds, hostile.MemoryMb), exercise.Defaults with { Epochs = 1 }, hostile.Language, observer);
                return (result, observer.Started);
            }
            finally
            {
                slots.Release();
            }
        }

        private sealed class StartObserver : IRunObserver
        {
            public bool Started { get; private set; }

            void IRunObserver.Started() => Started = true;

            void IRunObserver.Progress(int step, IReadOnlyDictionary<string, double> metrics)
            {
            }
        }
    }
}
