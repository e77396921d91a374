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
                Learning = due.Count(c => c.State == CardState.Learning || c.State == CardState.Relearning),
                IntroducedToday = db.ReviewCards.Count(c => c.AccountId == accountId && c.CreatedAt >= dayStart),
                Chosen = db.LearnerSettings.Where(s => s.AccountId == accountId).Select(s => s.NewCardDocuments).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var (dueCount, learningCount, introducedToday, chosen) = learner is null
            ? (0, 0, 0, null)
            : (learner.Due, learner.Learning, learner.IntroducedToday, learner.Chosen);
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

        return new DueQueue(dueCount, newCount, items) { LearningCount = learningCount };
    }

    /// <summary>
    /// Rates the learner's card of <paramref name="slug"/> (made on its first rating) and logs the
    /// rating; null when no visible question has that slug. The card's row is locked while it is
    /// rescheduled, so two ratings at once are applied one after the other.
    /// </summary>
    public async Task<ReviewCard?> ReviewAsync(long accountId, string slug, Rating rating, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await RateAsync(accountId, slug, rating, now, cancellationToken))?.Card;

    /// <summary><see cref="ReviewAsync"/>, with what takes the rating back (<see cref="UndoAsync"/>).</summary>
    public async Task<RatedCard?> RateAsync(long accountId, string slug, Rating rating, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rated = await RateInTransactionAsync(accountId, slug, rating, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rated;
    }

    /// <summary><see cref="ReviewAsync"/> inside the caller's open transaction (which it neither commits nor rolls back).</summary>
    internal async Task<ReviewCard?> ReviewInTransactionAsync(long accountId, string slug, Rating rating, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await RateInTransactionAsync(accountId, slug, rating, now, cancellationToken))?.Card;

    /// <summary>
    /// Takes a rating back: the card returns to its state before it (a card that rating made is
    /// deleted, so the question is new again) and the rating leaves the log. False when the card is
    /// not this learner's or was rated again since: only the last rating can be taken back.
    /// </summary>
    public async Task<bool> UndoAsync(long accountId, ReviewUndo undo, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var card = await db.ReviewCards
            .FromSql($"SELECT * FROM review_cards WHERE id = {undo.CardId} AND account_id = {accountId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        var last = card is null ? null : await db.ReviewLog.Where(l => l.CardId == card.Id).OrderByDescending(l => l.Id).Select(l => (long?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (card is null || last != undo.LogId)
        {
            return false;
        }

        await db.ReviewLog.Where(l => l.Id == undo.LogId).ExecuteDeleteAsync(cancellationToken);
        if (undo.Before is { } before)
        {
            card.Apply(before);
        }
        else
        {
            db.ReviewCards.Remove(card);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<RatedCard?> RateInTransactionAsync(long accountId, string slug, Rating rating, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var questionId = await db.Questions.Where(q => q.Slug == slug && !q.IsHidden).Select(q => (long?)q.Id).SingleOrDefaultAsync(cancellationToken);
        if (questionId is null)
        {
            return null;
        }

        var made = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO review_cards (account_id, question_id, state, due, created_at)
            VALUES ({accountId}, {questionId}, {nameof(CardState.New)}, {now}, {now})
            ON CONFLICT (account_id, question_id) DO NOTHING
            """,
            cancellationToken);
        var card = await db.ReviewCards
            .FromSql($"SELECT * FROM review_cards WHERE account_id = {accountId} AND question_id = {questionId} FOR UPDATE")
            .SingleAsync(cancellationToken);
        var before = card.ToFsrs();
        card.Apply(scheduler.Review(before, rating, now));
        var entry = new ReviewLogEntry { CardId = card.Id, Rating = rating, ReviewedAt = now, StateBefore = before.State };
        db.ReviewLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return new RatedCard(card, new ReviewUndo(card.Id, entry.Id, made == 1 ? null : before));
    }

    /// <summary>The learner's own card of <paramref name="slug"/> with its log; null when this learner has none.</summary>
    public Task<ReviewCard?> FindAsync(long accountId, string slug, CancellationToken cancellationToken = default) =>
        db.ReviewCards.AsNoTracking()
            .Include(c => c.Log.OrderBy(l => l.ReviewedAt))
            .SingleOrDefaultAsync(c => c.AccountId == accountId && c.Question.Slug == slug, cancellationToken);
}

/// <summary>The queue: <see cref="DueCount"/> due cards (of them <see cref="LearningCount"/> in learning or relearning) and <see cref="NewCount"/> new ones left today.</summary>
public sealed record DueQueue(int DueCount, int NewCount, IReadOnlyList<DueItem> Items)
{
    public int LearningCount { get; init; }
}

/// <summary>A card just rated, and what takes that rating back.</summary>
public sealed record RatedCard(ReviewCard Card, ReviewUndo Undo);

/// <summary>What takes a rating back: the card, its log entry, and the card before it (null: the rating made the card).</summary>
public sealed record ReviewUndo(long CardId, long LogId, FsrsCard? Before);

public sealed record DueItem(string Slug, string Title, CardState State, DateTimeOffset Due);
