using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuestionBank.Contracts;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Runs;

/// <summary>What a client submits to run.</summary>
public sealed record NewRun(
    string? QuestionSlug, string Exercise, string Source, string Device,
    int Epochs, double LearningRate, int BatchSize, int Seed, string? ClientKey, long? AccountId = null,
    string Language = ExerciseLanguages.CSharp);

/// <summary>How a worker finished a run.</summary>
public sealed record RunCompletion(
    string Status,
    IReadOnlyDictionary<string, double> Metrics,
    bool GoalsMet,
    RunMessage? Message,
    IReadOnlyList<CompileError> CompileErrors,
    string? Output,
    double WallSeconds,
    IReadOnlyList<(string Name, byte[] Png)> Images);

/// <summary>
/// The run queue in PostgreSQL. Workers claim the oldest queued run for their devices with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers never take the same run; a claim is a
/// lease the worker renews, and a run whose lease lapses (its worker died) is queued again once,
/// then failed. Every change of a run appends a run event and NOTIFYs <see cref="EventsChannel"/>.
/// </summary>
public sealed class RunQueue(QuestionBankDbContext db)
{
    /// <summary>NOTIFY channel with a device name as payload: a run was queued.</summary>
    public const string QueuedChannel = "runs_queued";

    /// <summary>NOTIFY channel with a run id as payload: the run has a new event.</summary>
    public const string EventsChannel = "run_events";

    /// <summary>
    /// The database role of sandbox workers (migration SandboxWorkerRole): it may claim, renew,
    /// report and complete runs and list itself as a worker, and read nothing else.
    /// </summary>
    public const string WorkerRole = "questionbank_worker";

    /// <summary>
    /// The runs a worker offering the devices in the array <c>@devices</c> may claim. The claim
    /// takes the oldest of them; the KEDA triggers in deploy/kubernetes count them, with the
    /// array written out, to scale each worker deployment (a test holds them to this text).
    /// </summary>
    public const string ClaimableRuns = "FROM runs WHERE status = 'queued' AND device = ANY(@devices)";

    private const string ClaimSql = $"""
        UPDATE runs SET status = 'running', worker_id = @worker_id, started_at = now(),
            lease_expires_at = now() + @lease, attempts = attempts + 1
        WHERE id = (SELECT id {ClaimableRuns} ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id AS "Value"
        """;

    public async Task<Guid> EnqueueAsync(NewRun run, CancellationToken cancellationToken)
    {
        var entity = new ExerciseRun
        {
            QuestionSlug = run.QuestionSlug,
            Exercise = run.Exercise,
            Source = run.Source,
            Language = run.Language,
            Device = run.Device,
            Epochs = run.Epochs,
            LearningRate = run.LearningRate,
            BatchSize = run.BatchSize,
            Seed = run.Seed,
            ClientKey = run.ClientKey,
            AccountId = run.AccountId,
            Status = RunStatus.Queued,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Runs.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({QueuedChannel}, {run.Device})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entity.Id;
    }

    /// <summary>Takes the oldest queued run for one of <paramref name="devices"/>, or null when there is none.</summary>
    public async Task<ExerciseRun?> ClaimAsync(
        string workerId, IReadOnlyCollection<string> devices, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimedIds = await db.Database.SqlQueryRaw<Guid>(ClaimSql,
                new NpgsqlParameter("worker_id", workerId), new NpgsqlParameter("lease", lease), new NpgsqlParameter("devices", devices.ToArray()))
            .ToListAsync(cancellationToken);
        // Read apart from the UPDATE: EF Core reads the JSON column only by composing over the SQL, and an UPDATE does not compose.
        var claimed = claimedIds is [var id]
            ? await db.Runs.AsNoTracking().SingleAsync(run => run.Id == id, cancellationToken)
            : null;
        if (claimed is not null)
        {
            await AppendStatusAsync(claimed.Id, RunStatus.Running, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Extends the lease. Returns whether a cancellation was requested, or null when the lease is
    /// no longer this worker's (it lapsed and the run went to another worker, or the run ended).
    /// </summary>
    public async Task<bool?> RenewLeaseAsync(Guid runId, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var renewed = await db.Database.SqlQuery<bool>($"""
            UPDATE runs SET lease_expires_at = now() + {lease}
            WHERE id = {runId} AND worker_id = {workerId} AND status = 'running'
            RETURNING cancel_requested AS "Value"
            """).ToListAsync(cancellationToken);
        return renewed.Count == 0 ? null : renewed[0];
    }

    public async Task AppendProgressAsync(Guid runId, int step, IReadOnlyDictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        db.RunEvents.Add(new RunEvent
        {
            RunId = runId,
            Kind = RunEvent.ProgressKind,
            Step = step,
            Metrics = new Dictionary<string, double>(metrics),
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await NotifyAsync(runId, cancellationToken);
    }

    /// <summary>Stores the result if the run is still this worker's; false when it is not (the lease was lost).</summary>
    public async Task<bool> CompleteAsync(Guid runId, string workerId, RunCompletion completion, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var metrics = new Dictionary<string, double>(completion.Metrics);
        var compileErrors = completion.CompileErrors.ToList();
        var messageArguments = completion.Message?.Arguments.ToList() ?? [];
        var updated = await db.Runs
            .Where(run => run.Id == runId && run.WorkerId == workerId && run.Status == RunStatus.Running)
            .ExecuteUpdateAsync(run => run
                .SetProperty(r => r.Status, completion.Status)
                .SetProperty(r => r.Metrics, metrics)
                .SetProperty(r => r.GoalsMet, completion.GoalsMet)
                .SetProperty(r => r.Message, completion.Message == null ? null : completion.Message.Text)
                .SetProperty(r => r.MessageKey, completion.Message == null ? null : completion.Message.Key)
                .SetProperty(r => r.MessageArguments, messageArguments)
                .SetProperty(r => r.CompileErrors, compileErrors)
                .SetProperty(r => r.Output, completion.Output)
                .SetProperty(r => r.WallSeconds, completion.WallSeconds)
                .SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (updated == 0)
        {
            return false;
        }
        db.AddRange(completion.Images.Select(image => new RunImage { RunId = runId, Name = image.Name, Png = image.Png }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await AppendStatusAsync(runId, completion.Status, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Re-queues runs whose worker stopped renewing its lease, or fails them once they have been
    /// tried <paramref name="maxAttempts"/> times. Returns how many runs it touched.
    /// </summary>
    public async Task<int> RecoverLapsedLeasesAsync(int maxAttempts, CancellationToken cancellationToken)
    {
        var stoppedResponding = RunMessages.WorkerStoppedResponding;
        var noArguments = Array.Empty<string>();
        var recovered = await db.Database.SqlQuery<Guid>($"""
            WITH lapsed AS (
                UPDATE runs SET
                    status = CASE WHEN attempts < {maxAttempts} THEN 'queued' ELSE 'failed' END,
                    message = CASE WHEN attempts < {maxAttempts} THEN message ELSE {stoppedResponding.English} END,
                    message_key = CASE WHEN attempts < {maxAttempts} THEN message_key ELSE {stoppedResponding.Key} END,
                    message_arguments = CASE WHEN attempts < {maxAttempts} THEN message_arguments ELSE {noArguments} END,
                    finished_at = CASE WHEN attempts < {maxAttempts} THEN NULL ELSE now() END,
                    worker_id = NULL, lease_expires_at = NULL
                WHERE status = 'running' AND lease_expires_at < now()
                RETURNING id, status),
            events AS (
                INSERT INTO run_events (run_id, kind, status, metrics)
                SELECT id, 'status', status, jsonb_build_object() FROM lapsed)
            SELECT id AS "Value" FROM lapsed,
                LATERAL (SELECT pg_notify({EventsChannel}, id::text) AS event, pg_notify({QueuedChannel}, '') AS queued) AS notified
            """).ToListAsync(cancellationToken);
        return recovered.Count;
    }

    /// <summary>
    /// Cancels a queued run at once, or asks the worker of a running one to stop. False when the run
    /// does not exist or has already ended.
    /// </summary>
    public async Task<bool> RequestCancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statuses = await db.Database.SqlQuery<string>($"""
            UPDATE runs SET cancel_requested = true,
                status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
            WHERE id = {runId} AND status IN ('queued', 'running')
            RETURNING status AS "Value"
            """).ToListAsync(cancellationToken);
        if (statuses.Count == 0)
        {
            return false;
        }
        if (statuses[0] == RunStatus.Cancelled)
        {
            await AppendStatusAsync(runId, RunStatus.Cancelled, cancellationToken);
        }
        else
        {
            await NotifyAsync(runId, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Records that a worker is alive, what it offers and how busy it is.</summary>
    public Task ReportWorkerAsync(string workerId, IReadOnlyCollection<string> devices, int slots, int running, CancellationToken cancellationToken)
    {
        var deviceList = devices.ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO sandbox_workers (id, devices, slots, running, started_at, last_seen_at)
            VALUES ({workerId}, {deviceList}, {slots}, {running}, now(), now())
            ON CONFLICT (id) DO UPDATE SET devices = excluded.devices, slots = excluded.slots,
                running = excluded.running, last_seen_at = now()
            """, cancellationToken);
    }

    /// <summary>A worker that stops cleanly says so, so pages stop counting it at once.</summary>
    public Task RemoveWorkerAsync(string workerId, CancellationToken cancellationToken) =>
        db.SandboxWorkers.Where(worker => worker.Id == workerId).ExecuteDeleteAsync(cancellationToken);

    private async Task AppendStatusAsync(Guid runId, string status, CancellationToken cancellationToken)
    {
        db.RunEvents.Add(new RunEvent { RunId = runId, Kind = RunEvent.StatusKind, Status = status });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await NotifyAsync(runId, cancellationToken);
    }

    private Task NotifyAsync(Guid runId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({EventsChannel}, {runId.ToString()})", cancellationToken);
}
