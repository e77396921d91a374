using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data.Entities;
using QuestionBank.Data;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox;

namespace QuestionBank.Web.Tests.ScaleOut;

/// <summary>One web app and two sandbox worker processes on one database; one worker is killed mid-run.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(TrainingCollection.Name)]
public sealed class WorkerTests
{
    private static readonly string[] Final = ["succeeded", "failed", "compile_error", "timeout", "memory_limit", "cancelled"];

    [Fact]
    public async Task EveryRunEndsExactlyOnceWhenAWorkerIsKilledMidRun()
    {
        var database = await TestCluster.SeededDatabaseAsync();
        await using var app = new QuestionBankApp(database, new Dictionary<string, string?>
        {
            ["QuestionBank:Runs:MaxActivePerClient"] = "8",
        });
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        using var doomed = new WorkerProcess(database);
        using var survivor = new WorkerProcess(database);

        // lstm's reference at its most epochs: long enough to be killed mid-run, seconds to judge. Three runs: one
        // for each worker, whichever starts first, and one queued behind them.
        var solution = (await client.GetFromJsonAsync<JsonElement>("/api/exercises/lstm")).GetProperty("solution").GetString();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/api/runs", new { exercise = "lstm", source = solution, @params = new { epochs = 100, seed = i } });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var doomedPrefix = $"{Environment.MachineName}/{doomed.ProcessId}/";
        await WaitUntilAsync(app, db => db.RunEvents.AnyAsync(e => e.Kind == RunEvent.ProgressKind
            && db.Runs.Any(run => run.Id == e.RunId && run.Status == "running" && run.WorkerId!.StartsWith(doomedPrefix))), TimeSpan.FromMinutes(4));
        var killedRun = await app.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Runs
            .Where(run => run.Status == "running" && run.WorkerId!.StartsWith(doomedPrefix)).Select(run => run.Id).SingleAsync());
        doomed.Dispose(); // Killed mid-run, jail and all.

        await WaitUntilAsync(app, db => db.Runs.CountAsync(run => ids.Contains(run.Id) && Final.Contains(run.Status))
            .ContinueWith(count => count.Result == ids.Count, TaskScheduler.Default), TimeSpan.FromMinutes(8));
        var runs = await app.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Runs
            .Include(run => run.Events).Where(run => ids.Contains(run.Id)).ToListAsync());

        Assert.All(runs, run =>
        {
            Assert.True(run.Metrics.ContainsKey("mse_ratio"), $"{run.Status}: {run.Message}");
            Assert.Equal(1, run.Events.Count(e => e.Kind == RunEvent.StatusKind && e.Status is { } status && Final.Contains(status)));
        });
        var resumed = runs.Single(run => run.Id == killedRun);
        Assert.Equal(2, resumed.Attempts);
        Assert.DoesNotContain(doomedPrefix, resumed.WorkerId);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task TheWorkerImagesEntrypointRunsTheWorkerUnprivilegedWithCgroupLimitsPerRun()
    {
        var database = await TestCluster.SeededDatabaseAsync();
        await using var app = new QuestionBankApp(database);
        var client = app.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        // The worker's own files are root's here; nobody gets a world-readable copy, as the image's app user owns its own.
        var home = Path.Combine(Path.GetTempPath(), $"qb-worker-home-{Guid.NewGuid():N}");
        var alive = Path.Combine(Path.GetTempPath(), $"qb-worker-alive-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            using (var copy = Process.Start("cp", ["-a", $"{new SandboxOptions().Home}/.", home]))
            {
                await copy.WaitForExitAsync();
                Assert.Equal(0, copy.ExitCode);
            }
            using var worker = new WorkerProcess(database, user: "nobody", new Dictionary<string, string>
            {
                ["QUESTIONBANK_SANDBOX_HOME"] = home,
                ["QuestionBank__Sandbox__AliveFile"] = alive,
            });

            // The exercise's own budget, which meets the goal on every drawn series.
            var response = await client.PostAsJsonAsync("/api/runs", new { exercise = "lstm", source = ExerciseCatalog.Find("lstm")!.Solution });
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await WaitUntilAsync(app, db => db.Runs.AnyAsync(run => run.Id == id && Final.Contains(run.Status)), TimeSpan.FromMinutes(4));

            Assert.Contains(File.ReadLines($"/proc/{worker.ProcessId}/status"), line => line.StartsWith("Uid:\t65534\t65534", StringComparison.Ordinal));
            // Cgroups are required by default, so the run only succeeds if the unprivileged worker set them up.
            var run = await app.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Runs.SingleAsync(run => run.Id == id));
            Assert.True(run.Status == "succeeded", $"{run.Status}: {run.Message}");
            // The image's health check looks for a recently touched alive file.
            Assert.True(DateTime.UtcNow - File.GetLastWriteTimeUtc(alive) < TimeSpan.FromSeconds(30));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            File.Delete(alive);
        }
    }

    /// <summary>
    /// A sandbox worker process (the built QuestionBank.Sandbox.dll), killed with its jails when disposed;
    /// with a user, started the way the worker image starts it, through its entrypoint script.
    /// </summary>
    internal sealed class WorkerProcess : IDisposable
    {
        // The worker's own output folder: in this test's folder its dependencies come from the ASP.NET
        // Core shared framework, which a plain worker process does not load. Same configuration as this build.
        internal static readonly string WorkerDll = Path.Combine(QuestionBankApp.RepoRoot, "src", "QuestionBank.Sandbox", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "QuestionBank.Sandbox.dll");

        private readonly Process process;

        public WorkerProcess(string connectionString, string? user = null, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(user is null ? "dotnet" : "sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (user is not null)
            {
                start.ArgumentList.Add(Path.Combine(QuestionBankApp.RepoRoot, "src", "QuestionBank.Sandbox", "worker-entrypoint.sh"));
                start.ArgumentList.Add("dotnet");
                start.Environment["QUESTIONBANK_WORKER_USER"] = user;
            }
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }
            start.ArgumentList.Add(WorkerDll);
            start.Environment["ConnectionStrings__QuestionBank"] = connectionString;
            start.Environment["QuestionBank__Sandbox__LeaseSeconds"] = "5";
            start.Environment["QuestionBank__Sandbox__PollSeconds"] = "0.5";
            process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int ProcessId => process.Id;

        private bool killed;

        public void Dispose()
        {
            if (killed)
            {
                return;
            }
            killed = true;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
    }

    private static async Task WaitUntilAsync(QuestionBankApp app, Func<QuestionBankDbContext, Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await app.WithScopeAsync(sp => condition(sp.GetRequiredService<QuestionBankDbContext>())))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {timeout}.");
            await Task.Delay(200);
        }
    }
}
