using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Learning;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;

namespace QuestionBank.Data.Exports;

/// <summary>
/// What the exports read: a learner's own data (every query scoped to one account) and the visible
/// questions of a document or of the whole bank for an Anki deck.
/// </summary>
public sealed class ExportQueries(QuestionBankDbContext db, RunQueries runs)
{
    /// <summary>Everything of a learner's that an export holds: settings, cards with their logs, bookmarks, notes and runs.</summary>
    public async Task<LearnerData> LearnerDataAsync(long accountId, CancellationToken cancellationToken)
    {
        var cards = await CardsAsync(accountId, cancellationToken);
        var bookmarks = await db.Bookmarks.AsNoTracking()
            .Where(b => b.AccountId == accountId)
            .OrderBy(b => b.Question.Document.Slug).ThenBy(b => b.Question.Position)
            .Select(b => new ExportedBookmark(b.Question.Slug, b.Question.Title, b.Question.Document.Slug, b.Question.Section.Title, b.CreatedAt))
            .ToListAsync(cancellationToken);
        var notes = await db.Notes.AsNoTracking()
            .Where(n => n.AccountId == accountId)
            .OrderBy(n => n.Question.Document.Slug).ThenBy(n => n.Question.Position)
            .Select(n => new ExportedNote(n.Question.Slug, n.Question.Title, n.Question.Document.Slug, n.Question.Section.Title, n.Markdown, n.UpdatedAt))
            .ToListAsync(cancellationToken);
        var settings = await db.LearnerSettings.AsNoTracking()
            .Where(s => s.AccountId == accountId)
            .Select(s => new ExportedSettings(s.AlwaysShowAnswers, s.NewCardDocuments, s.TimeZone, s.Language))
            .SingleOrDefaultAsync(cancellationToken) ?? new ExportedSettings(false, null, LearnerSettings.DefaultTimeZone, null);
        return new LearnerData(settings, cards, bookmarks, notes, await runs.ForAccountAsync(accountId, null, int.MaxValue, cancellationToken));
    }

    /// <summary>The learner's cards with their review logs, in bank order.</summary>
    public async Task<IReadOnlyList<ExportedCard>> CardsAsync(long accountId, CancellationToken cancellationToken) =>
        await db.ReviewCards.AsNoTracking()
            .Where(c => c.AccountId == accountId)
            .OrderBy(c => c.Question.Document.Slug).ThenBy(c => c.Question.Position)
            .Select(c => new ExportedCard(
                c.Question.Slug, c.Question.Title, c.Question.Document.Slug, c.Question.Section.Title,
                c.State, c.Step, c.Stability, c.Difficulty, c.Due, c.LastReview, c.CreatedAt,
                c.Log.OrderBy(l => l.ReviewedAt).ThenBy(l => l.Id).Select(l => new ExportedReview(l.Rating, l.ReviewedAt, l.StateBefore)).ToList()))
            .ToListAsync(cancellationToken);

    /// <summary>The visible questions of the document <paramref name="documentSlug"/> (of the whole bank when null), in bank order; null when there is no such document.</summary>
    public async Task<Deck?> DeckAsync(string? documentSlug, CancellationToken cancellationToken)
    {
        var name = "QuestionBank";
        if (documentSlug is not null)
        {
            var title = await db.Documents.Where(d => d.Slug == documentSlug).Select(d => d.Title).SingleOrDefaultAsync(cancellationToken);
            if (title is null)
            {
                return null;
            }
            name = $"QuestionBank::{title}";
        }
        var questions = await db.Questions.AsNoTracking()
            .Where(q => !q.IsHidden && (documentSlug == null || q.Document.Slug == documentSlug))
            .OrderBy(q => q.Document.Slug).ThenBy(q => q.Position)
            .Select(q => new DeckQuestion(q.Slug, q.Title, q.Document.Slug, q.BodyMarkdown,
                q.Parts.OrderBy(p => p.Position).Select(p => new QuestionPart(p.Kind, p.Label, p.Markdown)).ToList()))
            .ToListAsync(cancellationToken);
        return new Deck(name, questions);
    }
}

public sealed record LearnerData(
    ExportedSettings Settings, IReadOnlyList<ExportedCard> Cards, IReadOnlyList<ExportedBookmark> Bookmarks,
    IReadOnlyList<ExportedNote> Notes, IReadOnlyList<RunSummary> Runs);

/// <summary>A learner's choices; <see cref="NewCardDocuments"/> null is every document.</summary>
public sealed record ExportedSettings(bool AlwaysShowAnswers, IReadOnlyList<string>? NewCardDocuments, string TimeZone, string? Language);

public sealed record ExportedBookmark(string Slug, string Title, string Document, string Section, DateTimeOffset CreatedAt);

public sealed record ExportedNote(string Slug, string Title, string Document, string Section, string Markdown, DateTimeOffset UpdatedAt);

public sealed record ExportedCard(
    string Slug, string Title, string Document, string Section, CardState State, int? Step, double? Stability, double? Difficulty,
    DateTimeOffset Due, DateTimeOffset? LastReview, DateTimeOffset CreatedAt, IReadOnlyList<ExportedReview> Reviews);

public sealed record ExportedReview(Rating Rating, DateTimeOffset ReviewedAt, CardState StateBefore);

/// <summary>An Anki deck's name and questions.</summary>
public sealed record Deck(string Name, IReadOnlyList<DeckQuestion> Questions);

public sealed record DeckQuestion(string Slug, string Title, string Document, string BodyMarkdown, IReadOnlyList<QuestionPart> Parts);
