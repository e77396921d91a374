using Microsoft.EntityFrameworkCore;

namespace QuestionBank.Data.Learners;

/// <summary>A learner's bookmarks; every query is scoped to one account.</summary>
public sealed class BookmarkStore(QuestionBankDbContext db, TimeProvider clock)
{
    /// <summary>Bookmarks the question (again: no change); false when no visible question has that slug.</summary>
    public async Task<bool> AddAsync(long accountId, string slug, CancellationToken cancellationToken = default)
    {
        var questionId = await db.Questions.Where(q => q.Slug == slug).Select(q => (long?)q.Id).SingleOrDefaultAsync(cancellationToken);
        if (questionId is null)
        {
            return false;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO bookmarks (account_id, question_id, created_at)
            VALUES ({accountId}, {questionId}, {clock.GetUtcNow()})
            ON CONFLICT (account_id, question_id) DO NOTHING
            """,
            cancellationToken);
        return true;
    }

    /// <summary>Removes the learner's bookmark; false when this learner has none on that question.</summary>
    public async Task<bool> RemoveAsync(long accountId, string slug, CancellationToken cancellationToken = default) =>
        await db.Bookmarks.Where(b => b.AccountId == accountId && b.Question.Slug == slug).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<bool> ExistsAsync(long accountId, string slug, CancellationToken cancellationToken = default) =>
        db.Bookmarks.AnyAsync(b => b.AccountId == accountId && b.Question.Slug == slug, cancellationToken);

    /// <summary>The learner's bookmarked questions that readers can see, newest first.</summary>
    public async Task<IReadOnlyList<BookmarkItem>> ListAsync(long accountId, CancellationToken cancellationToken = default) =>
        await db.Bookmarks.AsNoTracking()
            .Where(b => b.AccountId == accountId && !b.Question.IsHidden)
            .OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Question.Slug)
            .Select(b => new BookmarkItem(b.Question.Slug, b.Question.Title, b.Question.Document.Title, b.CreatedAt))
            .ToListAsync(cancellationToken);
}

public sealed record BookmarkItem(string Slug, string Title, string DocumentTitle, DateTimeOffset CreatedAt);
