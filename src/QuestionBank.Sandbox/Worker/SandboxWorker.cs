using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using QuestionBank.Contracts;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Notifications;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Preparation;
using QuestionBank.Sandbox.Execution;

namespace QuestionBank.Sandbox.Worker;

/// <summary>
/// A sandbox worker: takes queued runs for its devices from PostgreSQL (woken by NOTIFY, with a
/// poll as a fallback), runs up to <see cref="SandboxOptions.EffectiveConcurrentRuns"/> at once,
/// renews their leases, streams their progress as run events and stores their results. It also
/// re-queues the runs of workers that died.
/// </summary>
public sealed class SandboxWorker(
    IServiceScopeFactory scopes,
    NotificationHub notifications,
    RunExecutor executor,
    SandboxPreparation preparation,
    RunMetrics metrics,
    IOptions<SandboxOptions> options,
    ILogger<SandboxWorker> logger) : BackgroundService
{
    private readonly SandboxOptions settings = options.Value;
    private readonly SemaphoreSlim wake = new(0);

    public string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On a first start the sandbox home may still be being prepared: runs wait in the queue.
        await preparation.Finished.WaitAsync(stoppingToken);
        logger.LogInformation("Sandbox worker {WorkerId} offers {Devices}, {Slots} run(s) at a time",
            WorkerId, settings.Devices, settings.EffectiveConcurrentRuns);
        using var slots = new SemaphoreSlim(settings.EffectiveConcurrentRuns);
        var running = new List<Task>();
        // Wakes the claim loop when a run is queued (or re-queued) anywhere.
        using var queued = notifications.Subscribe(RunQueue.QueuedChannel, _ => wake.Release());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                running.RemoveAll(task => task.IsCompleted);
                await ReportAndRecoverAsync(running.Count, stoppingToken);
                TouchAliveFile();
                await StartClaimedRunsAsync(slots, running, stoppingToken);
                await wake.WaitAsync(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or DbUpdateException or InvalidOperationException)
            {
                logger.LogWarning(exception, "The run queue is not reachable; retrying");
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await Task.WhenAll(running);
        await SignOffAsync();
    }

    /// <summary>Says the worker is alive and how busy, and queues again the runs of workers that died.</summary>
    private async Task ReportAndRecoverAsync(int runningCount, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<RunQueue>();
        await queue.ReportWorkerAsync(WorkerId, settings.Devices, settings.EffectiveConcurrentRuns, runningCount, cancellationToken);
        await queue.RecoverLapsedLeasesAsync(settings.MaxAttempts, cancellationToken);
    }

    /// <summary>Claims runs while a slot is free and the queue has one, each processed on a task of its own.</summary>
    private async Task StartClaimedRunsAsync(SemaphoreSlim slots, List<Task> running, CancellationToken stoppingToken)
    {
        while (await slots.WaitAsync(0, stoppingToken))
        {
            var run = await ClaimAsync(stoppingToken);
            if (run is null)
            {
                slots.Release();
                return;
            }
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await ProcessAsync(run, stoppingToken);
                }
                finally
                {
                    slots.Release();
                    wake.Release();
                }
            }, CancellationToken.None));
        }
    }

    private async Task SignOffAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<RunQueue>().RemoveWorkerAsync(WorkerId, CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Could not sign the worker off; it drops out of the list once it stops reporting");
        }
    }

    private void TouchAliveFile()
    {
        if (settings.AliveFile is not { } alive)
        {
            return;
        }
        try
        {
            File.WriteAllText(alive, DateTimeOffset.UtcNow.ToString("O"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Keep working: the health check that reads the file reports the worker unhealthy.
            logger.LogWarning("Cannot touch the alive file {AliveFile}: {Reason}", alive, exception.Message);
        }
    }

    private async Task<ExerciseRun?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunQueue>()
            .ClaimAsync(WorkerId, settings.Devices, TimeSpan.FromSeconds(settings.LeaseSeconds), cancellationToken);
    }

    private async Task ProcessAsync(ExerciseRun run, CancellationToken stoppingToken)
    {
        logger.LogInformation("Run {RunId} ({Exercise} in {Language} on {Device}) started, attempt {Attempt}", run.Id, run.Exercise, run.Language, run.Device, run.Attempts);
        metrics.Started(run.Exercise, (run.StartedAt ?? DateTimeOffset.UtcNow) - run.CreatedAt);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var leaseLost = false;
        var events = Channel.CreateUnbounded<(int Step, IReadOnlyDictionary<string, double> Metrics)>(new() { SingleReader = true });
        var writingEvents = WriteEventsAsync(run.Id, events.Reader);
        var heartbeat = HeartbeatAsync(run.Id, cancellation, () => leaseLost = true);

        RunResult result;
        try
        {
            var request = new RunRequest(run.Exercise, run.Source, run.Device,
                new ExerciseParameters(run.Epochs, run.LearningRate, run.BatchSize, run.Seed), run.Language);
            result = await executor.ExecuteAsync(request, new ChannelObserver(events.Writer), cancellation.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Run {RunId} could not be executed", run.Id);
            result = new RunResult(RunStatus.Failed, new Dictionary<string, double>(), false, [],
                RunDiagnostics.Because(RunMessages.SandboxFailed.With(exception.Message)), "", 0);
        }
        finally
        {
            events.Writer.Complete();
            await cancellation.CancelAsync();
            await heartbeat;
            await writingEvents;
        }
        if (stoppingToken.IsCancellationRequested && result.Status == RunStatus.Cancelled)
        {
            return; // This worker is shutting down: the lease lapses and another worker takes the run.
        }

        await using var scope = scopes.CreateAsyncScope();
        var completion = new RunCompletion(
            result.Status, result.Metrics, result.GoalsMet, result.Diagnostics.Explanation,
            result.Diagnostics.CompileErrors,
            result.Output, result.WallSeconds, [.. result.Images.Select(image => (image.Name, image.Png))]);
        var stored = !leaseLost && await scope.ServiceProvider.GetRequiredService<RunQueue>()
            .CompleteAsync(run.Id, WorkerId, completion, CancellationToken.None);
        metrics.Completed(run.Exercise, result.Status, result.WallSeconds);
        logger.LogInformation("Run {RunId} ended {Status} in {WallSeconds:0.0} s{Note}", run.Id, result.Status, result.WallSeconds,
            stored ? "" : " (not stored: its lease had passed to another worker)");
    }

    private async Task HeartbeatAsync(Guid runId, CancellationTokenSource run, Action onLeaseLost)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(run.Token))
            {
                await using var scope = scopes.CreateAsyncScope();
                var cancelRequested = await scope.ServiceProvider.GetRequiredService<RunQueue>()
                    .RenewLeaseAsync(runId, WorkerId, TimeSpan.FromSeconds(settings.LeaseSeconds), run.Token);
                if (cancelRequested is null)
                {
                    onLeaseLost();
                }
                if (cancelRequested != false)
                {
                    await run.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Renewing the lease of run {RunId} failed", runId);
        }
    }

    private async Task WriteEventsAsync(Guid runId, ChannelReader<(int Step, IReadOnlyDictionary<string, double> Metrics)> events)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<RunQueue>();
        await foreach (var (step, metrics) in events.ReadAllAsync())
        {
            try
            {
                await queue.AppendProgressAsync(runId, step, metrics, CancellationToken.None);
            }
            catch (Exception exception) when (exception is NpgsqlException or DbUpdateException)
            {
                logger.LogWarning(exception, "Could not store a progress event of run {RunId}", runId);
            }
        }
    }

    private sealed class ChannelObserver(ChannelWriter<(int Step, IReadOnlyDictionary<string, double> Metrics)> events) : IRunObserver
    {
        public void Started()
        {
        }

        public void Progress(int step, IReadOnlyDictionary<string, double> metrics) => events.TryWrite((step, metrics));
    }
}
