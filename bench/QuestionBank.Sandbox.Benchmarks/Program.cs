using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using QuestionBank.Contracts;
using QuestionBank.Data;
using QuestionBank.Data.Embedded;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox;
using QuestionBank.Sandbox.Benchmarks;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Testing;

// Sandbox benchmark: each reference's wall time and metric, cnn training throughput in the jail
// against the same runtime root with no namespaces or limits, and the time from a run's insertion
// to its first progress event with a worker process waiting (cold: its first run; warm: later ones).
// flood: the worker's own CPU while a run floods its standard output for a minute; busy: the lstm
// reference alone and beside two busy loops.
// Arguments choose parts: references, corpus, throughput, latency, flood, busy (none: all of them), and exercise ids
// narrow the references to those exercises (none: every exercise).
string[] parts = args.Any(arg => ExerciseCatalog.Find(arg) is null) ? args : [.. args, "references", "corpus", "throughput", "latency", "flood", "busy"];
var referenceExercises = ExerciseCatalog.All.Where(exercise => args.Contains(exercise.Id)).ToList() is { Count: > 0 } chosen
    ? chosen
    : [.. ExerciseCatalog.All];
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddSandbox();
using var host = builder.Build();
var options = host.Services.GetRequiredService<IOptions<SandboxOptions>>().Value;
var executor = host.Services.GetRequiredService<RunExecutor>();
Console.WriteLine($"{Environment.ProcessorCount} cores; runtime root {RuntimeRoot.Resolve(options)}");

var cnn = ExerciseCatalog.Find("cnn")!;
if (parts.Contains("references"))
{
    await ReferencesAsync();
}
if (parts.Contains("corpus"))
{
    await CorpusAsync();
}
if (parts.Contains("throughput"))
{
    await ThroughputAsync();
}
if (parts.Contains("latency"))
{
    await LatencyAsync();
}
if (parts.Contains("flood"))
{
    await FloodAsync();
}
if (parts.Contains("busy"))
{
    await BusyAsync();
}

// A minute of stdout flood, twice: lines that start with a brace (the worker rejects them by their
// first bytes) and token-bearing lines (the token read back through /proc/self/fd/1; the worker
// parses those, within its CPU budget). This process is the worker: its own CPU is the figure.
async Task FloodAsync()
{
    var floodBuilder = Host.CreateApplicationBuilder();
    floodBuilder.Logging.SetMinimumLevel(LogLevel.Error);
    floodBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        [$"{SandboxOptions.SectionName}:TimeoutSeconds"] = "120",
    });
    floodBuilder.AddSandbox();
    using var floodHost = floodBuilder.Build();
    var floodExecutor = floodHost.Services.GetRequiredService<RunExecutor>();
    var lstm = ExerciseCatalog.Find("lstm")!;
    await floodExecutor.ExecuteAsync(new RunRequest("lstm", lstm.Solution, ComputeDevices.Cpu, lstm.Defaults with { Epochs = 1 }), null, CancellationToken.None);
    foreach (var (name, learnToken) in new[] { ("braces", false), ("token", true) })
    {
        var source = FloodSource(learnToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await floodExecutor.ExecuteAsync(new RunRequest("lstm", source, ComputeDevices.Cpu, lstm.Defaults), null, CancellationToken.None);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"flood ({name}): run {result.Status} after {clock.Elapsed.TotalSeconds:F0} s; worker CPU {used.TotalSeconds:F2} s (target < 5 s); {result.Diagnostics.Message}");
    }
}

// Writes 1 MB lines shaped like progress messages to the raw standard output for a minute, with a
// guessed token or with the job's token, read back from its own standard output.
static string FloodSource(bool learnToken) => $$$"""
    public class Solution
    {
        public void Run(ExerciseContext ctx)
        {
            var token = "00000000000000000000000000000000";
            if ({{{(learnToken ? "true" : "false")}}})
            {
                var reporter = Task.Run(() => { for (var i = 0; i < 2000; i++) { ctx.Report(i, ("loss", 1.0)); Thread.Sleep(2); } });
                using var stolen = new StreamReader(File.OpenRead("/proc/self/fd/1"));
                while (stolen.ReadLine() is { } read)
                {
                    var at = read.IndexOf("\"token\":\"", StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        token = read.Substring(at + 9, 32);
                        break;
                    }
                }
                reporter.Wait();
            }
            var line = System.Text.Encoding.UTF8.GetBytes("{\"token\":\"" + token + "\",\"type\":\"progress\",\"step\":1,\"metrics\":{\"" + new string('n', 1 << 20) + "\":1}}\n");
            using var raw = Console.OpenStandardOutput();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                raw.Write(line);
            }
        }
    }
    """;

// The lstm reference on its own, then with two busy loops (yes > /dev/null, normal priority) beside it.
async Task BusyAsync()
{
    var lstm = ExerciseCatalog.Find("lstm")!;
    var request = new RunRequest("lstm", lstm.Solution, ComputeDevices.Cpu, lstm.Defaults);
    var quiet = await executor.ExecuteAsync(request, null, CancellationToken.None);
    Console.WriteLine($"lstm reference alone: {quiet.Status} in {quiet.WallSeconds:F0} s, mse_ratio {quiet.Metrics.GetValueOrDefault("mse_ratio"):F3}");
    var loops = Enumerable.Range(0, 2).Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "exec yes > /dev/null"]))!).ToList();
    try
    {
        var busy = await executor.ExecuteAsync(request, null, CancellationToken.None);
        Console.WriteLine($"lstm reference beside two busy loops: {busy.Status} in {busy.WallSeconds:F0} s ({busy.WallSeconds / quiet.WallSeconds:F1}x), mse_ratio {busy.Metrics.GetValueOrDefault("mse_ratio"):F3}{(busy.Status == RunStatus.Succeeded ? "" : $"; {busy.Diagnostics.Message}")}");
    }
    finally
    {
        foreach (var loop in loops)
        {
            loop.Kill();
            loop.Dispose();
        }
    }
}

async Task ReferencesAsync()
{
    Console.WriteLine($"{"exercise",-12} {"language",-8} {"status",-10} {"wall s",7}  metrics");
    // Each reference in every language it has, side by side: the same network in TorchSharp and PyTorch.
    foreach (var exercise in referenceExercises)
    {
        foreach (var language in exercise.Languages)
        {
            var request = new RunRequest(exercise.Id, exercise.Code(language).Solution, ComputeDevices.Cpu, exercise.Defaults, language);
            var result = await executor.ExecuteAsync(request, null, CancellationToken.None);
            var metrics = string.Join(", ", result.Metrics.Select(m => $"{m.Key}={m.Value:G4}"));
            Console.WriteLine($"{exercise.Id,-12} {language,-8} {result.Status,-10} {result.WallSeconds,7:F1}  {metrics}{(result.GoalsMet ? "" : "  GOAL MISSED")}");
        }
    }
}

// The worker's own memory across the hostile corpus: this process hosts the executor as a worker
// does, and all that the corpus makes the jail print or answer comes back to it. The start is
// measured after one ordinary run, once the worker's own code is loaded.
async Task CorpusAsync()
{
    var corpusBuilder = Host.CreateApplicationBuilder();
    corpusBuilder.Logging.SetMinimumLevel(LogLevel.Error);
    corpusBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        [$"{SandboxOptions.SectionName}:TimeoutSeconds"] = "20",
        [$"{SandboxOptions.SectionName}:MemoryMb"] = "1024",
    });
    corpusBuilder.AddSandbox();
    using (var corpusHost = corpusBuilder.Build())
    {
        var corpusExecutor = corpusHost.Services.GetRequiredService<RunExecutor>();
        var lstm = ExerciseCatalog.Find("lstm")!;
        await corpusExecutor.ExecuteAsync(new RunRequest("lstm", lstm.Solution, ComputeDevices.Cpu, lstm.Defaults), null, CancellationToken.None);
        using var memory = WorkingSetProbe.Start();
        var statuses = new List<string>();
        foreach (var hostile in HostileSource.Names().Select(HostileSource.Load))
        {
            var exercise = ExerciseCatalog.Find(hostile.Exercise)!;
            var result = await corpusExecutor.ExecuteAsync(
                new RunRequest(hostile.Exercise, hostile.Source, ComputeDevices.Cpu, exercise.Defaults with { Epochs = 1 }, hostile.Language), null, CancellationToken.None);
            statuses.Add($"{hostile.Name}={result.Status}");
        }
        var (start, peak, end) = memory.Stop();
        Console.WriteLine($"hostile corpus ({statuses.Count} sources): {string.Join(", ", statuses)}");
        Console.WriteLine($"worker working set: start {start:F0} MB, peak {peak:F0} MB (+{peak - start:F0}), end {end:F0} MB (target: within 100 MB of the start)");
    }
}

async Task ThroughputAsync()
{
    var files = ExerciseRegistry.Find(cnn.Id)!.CreateJudge(new Dictionary<string, byte[]>
    {
        [MnistFile.FileName] = await File.ReadAllBytesAsync(Path.Combine(options.DataDirectory, MnistFile.FileName)),
    }).TrainingFiles;
    var parameters = cnn.Defaults with { Epochs = 2 };
    RunnerHeader Job() => new(Guid.NewGuid().ToString("N"), RunnerMode.Run, "cnn", ComputeDevices.Cpu, parameters.Epochs,
        parameters.LearningRate, parameters.BatchSize, parameters.Seed, 65536, []);
    var jail = host.Services.GetRequiredService<SandboxJail>();
    var direct = new List<double>();
    var jailed = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        var probe = new ThroughputProbe(parameters.BatchSize);
        await DirectRunner.RunAsync(options, Job(), cnn.Solution, files, probe.Observe);
        direct.Add(probe.SamplesPerSecond);
        probe = new ThroughputProbe(parameters.BatchSize);
        await using (var session = await jail.StartAsync(Job(), cnn.Solution, files, CancellationToken.None))
        {
            await foreach (var message in session.Messages.ReadAllAsync())
            {
                probe.Observe(message);
                if (message.Type is RunnerMessage.Ready or RunnerMessage.Failure)
                {
                    break;
                }
            }
        }
        jailed.Add(probe.SamplesPerSecond);
    }
    Console.WriteLine($"cnn training samples/s: direct {string.Join(" ", direct.Select(v => $"{v:F0}"))}; jail {string.Join(" ", jailed.Select(v => $"{v:F0}"))}");
    Console.WriteLine($"jail / direct (median of 3): {Median(jailed) / Median(direct):F3} (target >= 0.95)");
}

async Task LatencyAsync()
{
    var clusterDirectory = Path.Combine(Path.GetTempPath(), $"qb-sandbox-bench-{Guid.NewGuid():N}");
    await using (var cluster = await EmbeddedPostgres.StartAsync(clusterDirectory, NullLogger.Instance, durable: false))
    {
        await cluster.EnsureDatabaseAsync("bench");
        var connectionString = cluster.ConnectionString("bench");
        var contextOptions = new DbContextOptionsBuilder<QuestionBankDbContext>();
        contextOptions.UseQuestionBankDatabase(connectionString);
        await using (var db = new QuestionBankDbContext(contextOptions.Options))
        {
            await db.Database.MigrateAsync();
        }

        using var worker = await StartWorkerAsync(connectionString);
        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync();
        var notified = new SemaphoreSlim(0);
        listener.Notification += (_, _) => notified.Release();
        await using (var listen = new NpgsqlCommand($"LISTEN {RunQueue.EventsChannel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }
        using var stopListening = new CancellationTokenSource();
        var listening = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await listener.WaitAsync(stopListening.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The measurements are done.
            }
        });

        // The cnn reference in each language: a worker's first run of a language is cold, then four queued as
        // soon as the one before ended, then four queued 10 s after it (a learner reading the result first):
        // after a Python run the worker starts a spare Python jail, which has torch imported by then.
        foreach (var language in cnn.Languages)
        {
            await MeasureAsync(language);
        }

        async Task MeasureAsync(string language)
        {
            var latencies = new List<double>();
            for (var i = 0; i < 9; i++)
            {
                if (i > 4)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10));
                }
                await using var db = new QuestionBankDbContext(contextOptions.Options);
                var clock = Stopwatch.StartNew();
                var id = await new RunQueue(db).EnqueueAsync(new NewRun(null, "cnn", cnn.Code(language).Solution, ComputeDevices.Cpu, 1,
                    cnn.Defaults.LearningRate, cnn.Defaults.BatchSize, 1, "bench", Language: language), CancellationToken.None);
                while (!await db.RunEvents.AnyAsync(e => e.RunId == id && e.Kind == "progress"))
                {
                    if (await db.Runs.Where(r => r.Id == id).Select(r => new { r.Status, r.Message }).SingleAsync() is { Status: not ("queued" or "running") } ended)
                    {
                        throw new InvalidOperationException($"The run ended {ended.Status} before its first progress event: {ended.Message}");
                    }
                    await notified.WaitAsync(TimeSpan.FromMilliseconds(100));
                }
                latencies.Add(clock.Elapsed.TotalSeconds);
                while (await db.Runs.Where(r => r.Id == id).Select(r => r.Status).SingleAsync() is "queued" or "running")
                {
                    await notified.WaitAsync(TimeSpan.FromMilliseconds(200));
                }
            }
            string Figures(IEnumerable<double> values) => $"median {Median(values):F2} s ({string.Join(" ", values.Select(v => $"{v:F2}"))})";
            Console.WriteLine($"{language}: insertion to first progress event (target <= 5 s): cold {latencies[0]:F2} s; back to back {Figures(latencies[1..5])}; 10 s after the last {Figures(latencies[5..])}");
        }
        await stopListening.CancelAsync();
        await listening;
        worker.Kill(entireProcessTree: true);
    }
    Directory.Delete(clusterDirectory, recursive: true);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

// A worker process as deployed, started and idle (listening) before the first run is queued.
static async Task<Process> StartWorkerAsync(string connectionString)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
    start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "QuestionBank.Sandbox.dll"));
    start.Environment["ConnectionStrings__QuestionBank"] = connectionString;
    var worker = Process.Start(start)!;
    while (await worker.StandardOutput.ReadLineAsync() is { } line)
    {
        if (line.Contains("offers", StringComparison.Ordinal))
        {
            break;
        }
    }
    _ = worker.StandardOutput.ReadToEndAsync();
    await Task.Delay(1000); // Let it finish its first queue check and start listening.
    return worker;
}
