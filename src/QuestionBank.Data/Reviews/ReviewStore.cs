using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Learning;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Reviews;

/// <summary>A learner's cards: the due queue and rating a question. Every query is scoped to one account.</summary>
public sealed class ReviewStore(QuestionBankDbContext db, FsrsScheduler scheduler)
{
    /// <summary>
    /// What is due at <paramref name="now"/>: due cards first (earliest first), then questions never
    /// reviewed from the documents the learner chose, in bank order, up to what is left of
    /// <paramref name="newPerDay"/> today (UTC).
    /// </summary>
    public async Task<DueQueue> GetDueAsync(long accountId, DateTimeOffset now, int limit, int newPerDay, CancellationToken cancellationToken = default)
    {
        var due = db.ReviewCards.Where(c => c.AccountId == accountId && c.Due <= now && !c.Question.IsHidden);
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        // The queue's counts and the learner's document choice in one round trip: the review page asks on every card.
        var learner = await db.Accounts.Where(a => a.Id == accountId)
            .Select(a => new
            {
                Due = due.Count(),
                IntroducedToday = db.ReviewCards.Count(c => c.AccountId == accountId && c.CreatedAt >= dayStart),
                Chosen = db.LearnerSettings.Where(s => s.AccountId == accountId).Select(s => s.NewCardDocuments).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var (dueCount, introducedToday, chosen) = learner is null ? (0, 0, null) : (learner.Due, learner.IntroducedToday, learner.Chosen);
        // Only from the documents the learner chose; no settings, or no choice, is every document. The
        // choice is read first rather than joined: a join hides from the planner how many questions
        // qualify, and it then sorts the whole bank instead of walking it in order until the limit.
        var unseen = db.Questions.Where(q => !q.IsHidden && !db.ReviewCards.Any(c => c.AccountId == accountId && c.QuestionId == q.Id));
        if (chosen is not null)
        {
            unseen = unseen.Where(q => chosen.Contains(q.Document.Slug));
        }
        unseen = unseen.OrderBy(q => q.Document.Slug).ThenBy(q => q.Position);
        var newCount = await unseen.Take(Math.Max(0, newPerDay - introducedToday)).CountAsync(cancellationToken);

        var items = await due.OrderBy(c => c.Due).ThenBy(c => c.Id).Take(limit)
            .Select(c => new DueItem(c.Question.Slug, c.Question.Title, c.State, c.Due))
            .ToListAsync(cancellationToken);
        if (items.Count < limit && newCount > 0)
        {
            items.AddRange(await unseen.Take(Math.Min(limit - items.Count, newCount))
                .Select(q => new DueItem(q.Slug, q.Title, CardState.New, now))
                .ToListAsync(cancellationToken));
        }

        return new DueQueue(dueCount, newCount, items);
    }

    /// <summary>
    /// Rates the learner's card of <paramref name="slug"/> (made on its first rating) and logs the
    /// rating; null when no visible question has that slug. The card's row is locked while it is
    /// rescheduled, so two ratings at once are applied one after the other.
    /// </summary>
    public async Task<ReviewCard?> ReviewAsync(long accountId, string slug, Rating rating, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var card = await ReviewInTransactionAsync(accountId, slug, rating, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return card;
    }

    /// <summary><see cref="ReviewAsync"/> inside the caller's open transaction (which it neither commits nor rolls back).</summary>
    internal async Task<ReviewCard?> ReviewInTransactionAsync(long accountId, string slug, Rating rating, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var questionId = await db.Questions.Where(q => q.Slug == slug && !q.IsHidden).Select(q => (long?)q.Id).SingleOrDefaultAsync(cancellationToken);
        if (questionId is null)
        {
            return null;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO review_cards (account_id, question_id, state, due, created_at)
            VALUES ({accountId}, {questionId}, {nameof(CardState.New)}, {now}, {now})
            ON CONFLICT (account_id, question_id) DO NOTHING
            """,
            cancellationToken);
        var card = await db.ReviewCards
            .FromSql($"SELECT * FROM review_cards WHERE account_id = {accountId} AND question_id = {questionId} FOR UPDATE")
            .SingleAsync(cancellationToken);
        var before = card.State;
        card.Apply(scheduler.Review(card.ToFsrs(), rating, now));
        db.ReviewLog.Add(new ReviewLogEntry { CardId = card.Id, Rating = rating, ReviewedAt = now, StateBefore = before });
        await db.SaveChangesAsync(cancellationToken);
        return card;
    }

    /// <summary>The learner's own card of <paramref name="slug"/> with its log; null when this learner has none.</summary>
    public Task<ReviewCard?> FindAsync(long accountId, string slug, CancellationToken cancellationToken = default) =>
        db.ReviewCards.AsNoTracking()
            .Include(c => c.Log.OrderBy(l => l.ReviewedAt))
            .SingleOrDefaultAsync(c => c.AccountId == accountId && c.Question.Slug == slug, cancellationToken);
}

public sealed record DueQueue(int DueCount, int NewCount, IReadOnlyList<DueItem> Items);

public sealed record DueItem(string Slug, string Title, CardState State, DateTimeOffset Due);
