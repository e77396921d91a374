using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Data;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Benchmarks;

/// <summary>
/// A sandbox worker process (Release build) training the cnn reference against the bank's
/// database, so the site can be measured while the sandbox is busy.
/// </summary>
public sealed class TrainingLoad : IAsyncDisposable
{
    private readonly Process worker;
    private readonly string connectionString;
    private readonly List<Guid> runs = [];

    private TrainingLoad(Process worker, string connectionString)
    {
        this.worker = worker;
        this.connectionString = connectionString;
    }

    /// <summary>Starts the worker, queues <paramref name="runs"/> long cnn runs and returns once the first one is training.</summary>
    public static async Task<TrainingLoad> StartAsync(string repo, string connectionString, int runs)
    {
        var dll = Path.Combine(repo, "src", "QuestionBank.Sandbox", "bin", "Release", "net10.0", "QuestionBank.Sandbox.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__QuestionBank"] = connectionString;
        var worker = Process.Start(start) ?? throw new InvalidOperationException("Could not start the sandbox worker.");
        worker.OutputDataReceived += (_, _) => { };
        worker.BeginOutputReadLine();
        var load = new TrainingLoad(worker, connectionString);

        await using var db = load.NewContext();
        var cnn = ExerciseCatalog.Find("cnn")!;
        for (var i = 0; i < runs; i++)
        {
            load.runs.Add(await new RunQueue(db).EnqueueAsync(new NewRun(null, cnn.Id, cnn.Solution, ComputeDevices.Cpu,
                cnn.Limits.MaxEpochs, cnn.Defaults.LearningRate, cnn.Defaults.BatchSize, i, "benchmark"), CancellationToken.None));
        }
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await db.RunEvents.AnyAsync(e => load.runs.Contains(e.RunId) && e.Kind == "progress"))
        {
            if (DateTime.UtcNow > deadline || worker.HasExited)
            {
                throw new InvalidOperationException("The sandbox worker did not start training; is the sandbox prepared (scripts/prepare-sandbox.sh)?");
            }
            await Task.Delay(200);
        }
        return load;
    }

    /// <summary>Whether a run was training all along: one still running now.</summary>
    public async Task<bool> IsTrainingAsync()
    {
        await using var db = NewContext();
        return await db.Runs.AnyAsync(run => runs.Contains(run.Id) && run.Status == "running");
    }

    public async ValueTask DisposeAsync()
    {
        await using (var db = NewContext())
        {
            foreach (var id in runs)
            {
                await new RunQueue(db).RequestCancelAsync(id, CancellationToken.None);
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
        worker.Dispose();
    }

    private QuestionBankDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<QuestionBankDbContext>();
        options.UseQuestionBankDatabase(connectionString);
        return new QuestionBankDbContext(options.Options);
    }
}
