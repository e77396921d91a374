using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Learners;

/// <summary>A learner's notes; every query is scoped to one account.</summary>
public sealed class NoteStore(QuestionBankDbContext db, TimeProvider clock)
{
    public const int MaxSearchResults = 50;

    /// <summary>Writes the learner's note on the question (replacing the last one); null when no visible question has that slug.</summary>
    public async Task<NoteItem?> SaveAsync(long accountId, string slug, string markdown, CancellationToken cancellationToken = default)
    {
        var question = await db.Questions.Where(q => q.Slug == slug)
            .Select(q => new { q.Id, q.Title }).SingleOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // One statement, so two saves at once cannot both insert.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO notes (account_id, question_id, markdown, updated_at)
            VALUES ({accountId}, {question.Id}, {markdown}, {now})
            ON CONFLICT (account_id, question_id) DO UPDATE SET markdown = excluded.markdown, updated_at = excluded.updated_at
            """,
            cancellationToken);
        return new NoteItem(slug, question.Title, markdown, now);
    }

    /// <summary>Deletes the learner's note; false when this learner has none on that question.</summary>
    public async Task<bool> DeleteAsync(long accountId, string slug, CancellationToken cancellationToken = default) =>
        await db.Notes.Where(n => n.AccountId == accountId && n.Question.Slug == slug).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The learner's own note on the question; null when this learner has none (whoever else has).</summary>
    public Task<NoteItem?> FindAsync(long accountId, string slug, CancellationToken cancellationToken = default) =>
        Visible(accountId).Where(n => n.Question.Slug == slug).Select(Item).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The learner's notes whose text holds <paramref name="query"/> (case-insensitive, as typed: it
    /// works for Chinese, which has no word breaks), newest first; every note when the query is empty.
    /// </summary>
    public async Task<IReadOnlyList<NoteItem>> SearchAsync(long accountId, string? query, CancellationToken cancellationToken = default)
    {
        var notes = Visible(accountId);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var pattern = "%" + EscapeLike(query.Trim()) + "%";
            notes = notes.Where(n => EF.Functions.ILike(n.Markdown, pattern, "\\"));
        }

        return await notes.OrderByDescending(n => n.UpdatedAt).Take(MaxSearchResults).Select(Item).ToListAsync(cancellationToken);
    }

    private IQueryable<Note> Visible(long accountId) =>
        db.Notes.AsNoTracking().Where(n => n.AccountId == accountId && !n.Question.IsHidden);

    private static readonly System.Linq.Expressions.Expression<Func<Note, NoteItem>> Item =
        n => new NoteItem(n.Question.Slug, n.Question.Title, n.Markdown, n.UpdatedAt);

    // The learner's text is matched literally: % and _ are not wildcards.
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

public sealed record NoteItem(string Slug, string Title, string Markdown, DateTimeOffset UpdatedAt);
