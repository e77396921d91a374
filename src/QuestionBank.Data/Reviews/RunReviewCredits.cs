using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Learning;

namespace QuestionBank.Data.Reviews;

/// <summary>
/// Counts a learner's judged run whose goals were all met as a Good review of its question. The
/// sandbox workers cannot do it when they complete a run (their database role may not touch
/// cards), so the web app does it after: each run is claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// and marked in the same transaction as the rating, so it counts once however many replicas
/// look. A failed run, or one whose goals were not met, counts for nothing.
/// </summary>
public sealed class RunReviewCredits(QuestionBankDbContext db, ReviewStore reviews, TimeProvider clock)
{
    /// <summary>Credits every waiting run; returns how many it took (a run of a hidden or unknown question is taken and rates nothing).</summary>
    public async Task<int> CreditWaitingAsync(CancellationToken cancellationToken)
    {
        var credited = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var taken = await db.Database.SqlQuery<WaitingRun>($"""
                UPDATE runs SET review_credited_at = {now}
                WHERE id = (SELECT id FROM runs
                    WHERE account_id IS NOT NULL AND goals_met AND review_credited_at IS NULL AND status = 'succeeded'
                    ORDER BY finished_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING account_id, question_slug
                """).ToListAsync(cancellationToken);
            if (taken is not [var run])
            {
                return credited;
            }
            if (run.QuestionSlug is { } slug)
            {
                await reviews.ReviewInTransactionAsync(run.AccountId, slug, Rating.Good, now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            credited++;
        }
    }

    private sealed record WaitingRun(long AccountId, string? QuestionSlug);
}
