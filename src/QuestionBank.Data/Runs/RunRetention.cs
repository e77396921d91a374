using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Data.Runs;

/// <summary>What retention takes from runs that finished before <paramref name="Cutoff"/>, and which of them it spares.</summary>
public sealed record RunRetentionPlan(
    DateTimeOffset Cutoff, IReadOnlyList<Guid> Runs, int ProgressEvents, int Images, long ImageBytes, int BestRunsKept);

/// <summary>
/// Old runs keep what their pages and the learners' progress are made of (status, metrics, source,
/// output, status events) and lose the bulk: progress events and images. The best runs that pages
/// show (a learner's best per exercise, an exercise's best anonymous runs) keep everything.
/// </summary>
public sealed class RunRetention(QuestionBankDbContext db, RunQueries runs, TimeProvider clock)
{
    /// <summary>How many best anonymous runs per exercise the exercise catalogue shows, and retention spares.</summary>
    public const int BestRunsPerExercise = 5;

    public async Task<RunRetentionPlan> PlanAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - age;
        var old = await db.Runs
            .Where(run => run.FinishedAt < cutoff
                && (run.Events.Any(e => e.Kind == RunEvent.ProgressKind) || run.Images.Any()))
            .Select(run => new { run.Id, run.AccountId, run.Exercise })
            .ToListAsync(cancellationToken);

        var best = new HashSet<Guid>();
        foreach (var exercise in ExerciseCatalog.All.Where(exercise => old.Any(run => run.Exercise == exercise.Id)))
        {
            var goal = exercise.Goals[0];
            foreach (var run in await runs.BestForExerciseAsync(exercise.Id, goal.Metric, goal.LowerIsBetter, BestRunsPerExercise, cancellationToken))
            {
                best.Add(run.Id);
            }

            foreach (var account in old.Where(run => run.Exercise == exercise.Id && run.AccountId is not null).Select(run => run.AccountId!.Value).Distinct())
            {
                if (await runs.BestForAccountAsync(account, exercise.Id, goal.Metric, goal.LowerIsBetter, cancellationToken) is { } run)
                {
                    best.Add(run.Id);
                }
            }
        }

        Guid[] pruned = [.. old.Select(run => run.Id).Where(id => !best.Contains(id))];
        var events = await ProgressEvents(pruned).CountAsync(cancellationToken);
        var images = await Images(pruned).GroupBy(_ => 1)
            .Select(all => new { Count = all.Count(), Bytes = all.Sum(image => (long)image.Png.Length) })
            .SingleOrDefaultAsync(cancellationToken);
        return new RunRetentionPlan(cutoff, pruned, events, images?.Count ?? 0, images?.Bytes ?? 0, old.Count - pruned.Length);
    }

    /// <summary>Deletes what <see cref="PlanAsync"/> names, in one transaction; returns the plan it carried out.</summary>
    public async Task<RunRetentionPlan> ApplyAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(age, cancellationToken);
        var ids = plan.Runs.ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ProgressEvents(ids).ExecuteDeleteAsync(cancellationToken);
        await Images(ids).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return plan;
    }

    private IQueryable<RunEvent> ProgressEvents(Guid[] ids) =>
        db.RunEvents.Where(e => ids.Contains(e.RunId) && e.Kind == RunEvent.ProgressKind);

    private IQueryable<RunImage> Images(Guid[] ids) => db.Set<RunImage>().Where(image => ids.Contains(image.RunId));
}
