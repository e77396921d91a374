using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Runs;

/// <summary>One line of a run list; <see cref="Language"/> is the source's, one of <see cref="Contracts.ExerciseLanguages"/>.</summary>
public sealed record RunSummary(
    Guid Id, string Exercise, string Status, IReadOnlyDictionary<string, double> Metrics, bool GoalsMet,
    DateTimeOffset CreatedAt, double? WallSeconds, string? QuestionSlug, string Language);

/// <summary>The learner a run belongs to; null for an anonymous run.</summary>
public sealed record RunOwner(long? AccountId);

/// <summary>Read side of runs: a run with its events and images, queue position, workers online, lists.</summary>
public sealed class RunQueries(QuestionBankDbContext db, TimeProvider clock)
{
    /// <summary>A worker that has not reported for this long is taken to be gone.</summary>
    public static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(15);

    public Task<ExerciseRun?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        db.Runs.AsNoTracking().SingleOrDefaultAsync(run => run.Id == id, cancellationToken);

    /// <summary>Who a run belongs to (a null account: nobody, it is public); null when there is no such run.</summary>
    public Task<RunOwner?> OwnerAsync(Guid id, CancellationToken cancellationToken) =>
        db.Runs.Where(run => run.Id == id).Select(run => new RunOwner(run.AccountId)).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> GetImageNamesAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<RunImage>().Where(image => image.RunId == id).OrderBy(image => image.Name)
            .Select(image => image.Name).ToListAsync(cancellationToken);

    public Task<byte[]?> GetImageAsync(Guid id, string name, CancellationToken cancellationToken) =>
        db.Set<RunImage>().Where(image => image.RunId == id && image.Name == name)
            .Select(image => image.Png).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<RunEvent>> GetEventsAsync(Guid id, long afterEventId, CancellationToken cancellationToken) =>
        await db.RunEvents.AsNoTracking().Where(e => e.RunId == id && e.Id > afterEventId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>1 for the next run a worker of its device takes; null when the run is not queued.</summary>
    public async Task<int?> QueuePositionAsync(ExerciseRun run, CancellationToken cancellationToken) =>
        run.Status != RunStatus.Queued
            ? null
            : await db.Runs.CountAsync(other => other.Status == RunStatus.Queued && other.Device == run.Device
                && other.CreatedAt <= run.CreatedAt, cancellationToken);

    /// <summary>How many runs wait for a worker, per device.</summary>
    public async Task<IReadOnlyDictionary<string, int>> QueueLengthsAsync(CancellationToken cancellationToken) =>
        await db.Runs.Where(run => run.Status == RunStatus.Queued).GroupBy(run => run.Device)
            .ToDictionaryAsync(group => group.Key, group => group.Count(), cancellationToken);

    /// <summary>Devices offered by the workers that reported recently.</summary>
    public async Task<IReadOnlyList<string>> OnlineDevicesAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - WorkerTimeout;
        var offered = await db.SandboxWorkers.Where(worker => worker.LastSeenAt > since)
            .Select(worker => worker.Devices).ToListAsync(cancellationToken);
        return [.. offered.SelectMany(devices => devices).Distinct().Order(StringComparer.Ordinal)];
    }

    public Task<int> OnlineWorkersAsync(string device, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - WorkerTimeout;
        return db.SandboxWorkers.CountAsync(worker => worker.LastSeenAt > since && worker.Devices.Contains(device), cancellationToken);
    }

    /// <summary>Runs a client has queued or running, for the per-client cap.</summary>
    public Task<int> ActiveCountAsync(string clientKey, CancellationToken cancellationToken) =>
        db.Runs.CountAsync(run => run.ClientKey == clientKey
            && (run.Status == RunStatus.Queued || run.Status == RunStatus.Running), cancellationToken);

    /// <summary>The latest anonymous runs of a question: a learner's runs are theirs alone.</summary>
    public async Task<IReadOnlyList<RunSummary>> RecentForQuestionAsync(string slug, int count, CancellationToken cancellationToken) =>
        await Summaries(db.Runs.Where(run => run.QuestionSlug == slug && run.AccountId == null).OrderByDescending(run => run.CreatedAt).Take(count))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// A client's best judged run of a question by <paramref name="metric"/> (higher is better
    /// unless <paramref name="lowerIsBetter"/>), among their latest 200. Only the judge writes
    /// metrics, so a run that has the metric was judged, whether or not it met the goals.
    /// </summary>
    public async Task<RunSummary?> BestForClientAsync(
        string slug, string clientKey, string metric, bool lowerIsBetter, CancellationToken cancellationToken) =>
        (await BestAsync(db.Runs.Where(run => run.QuestionSlug == slug && run.ClientKey == clientKey), 200, metric, lowerIsBetter, 1, cancellationToken))
            .FirstOrDefault();

    /// <summary>The best judged anonymous runs of an exercise by <paramref name="metric"/>, among its latest 500, best first.</summary>
    public Task<IReadOnlyList<RunSummary>> BestForExerciseAsync(
        string exercise, string metric, bool lowerIsBetter, int count, CancellationToken cancellationToken) =>
        BestAsync(db.Runs.Where(run => run.Exercise == exercise && run.AccountId == null), 500, metric, lowerIsBetter, count, cancellationToken);

    /// <summary>A learner's best judged run of an exercise by <paramref name="metric"/>, among their latest 500 of it; null when none was judged.</summary>
    public async Task<RunSummary?> BestForAccountAsync(
        long accountId, string exercise, string metric, bool lowerIsBetter, CancellationToken cancellationToken) =>
        (await BestAsync(db.Runs.Where(run => run.AccountId == accountId && run.Exercise == exercise), 500, metric, lowerIsBetter, 1, cancellationToken))
            .FirstOrDefault();

    /// <summary>A learner's runs, of one exercise or all, newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> ForAccountAsync(long accountId, string? exercise, int count, CancellationToken cancellationToken) =>
        await Summaries(db.Runs.Where(run => run.AccountId == accountId && (exercise == null || run.Exercise == exercise))
                .OrderByDescending(run => run.CreatedAt).Take(count))
            .ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<RunSummary>> BestAsync(
        IQueryable<ExerciseRun> scope, int window, string metric, bool lowerIsBetter, int count, CancellationToken cancellationToken)
    {
        var runs = await Summaries(scope.OrderByDescending(run => run.CreatedAt).Take(window)).ToListAsync(cancellationToken);
        return [.. BestFirst(runs, metric, lowerIsBetter).Take(count)];
    }

    private static IEnumerable<RunSummary> BestFirst(IEnumerable<RunSummary> runs, string metric, bool lowerIsBetter)
    {
        var scored = runs.Where(run => run.Metrics.ContainsKey(metric));
        return lowerIsBetter
            ? scored.OrderBy(run => run.Metrics[metric])
            : scored.OrderByDescending(run => run.Metrics[metric]);
    }

    private static IQueryable<RunSummary> Summaries(IQueryable<ExerciseRun> runs) =>
        runs.Select(run => new RunSummary(run.Id, run.Exercise, run.Status, run.Metrics, run.GoalsMet, run.CreatedAt, run.WallSeconds, run.QuestionSlug, run.Language));
}
