using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Learning;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Learners;

/// <summary>How far a learner has got: cards by document and section, what falls due, and the review calendar.</summary>
public sealed class ProgressQueries(QuestionBankDbContext db)
{
    /// <summary>A card is mature once it is in review with a scheduled interval of at least this (Anki's definition).</summary>
    public const int MatureDays = 21;

    /// <summary>New, learning and mature counts per section of every document, in bank order.</summary>
    public async Task<IReadOnlyList<DocumentProgress>> GetCountsAsync(long accountId, CancellationToken cancellationToken = default)
    {
        var rows = await (
                from q in db.Questions
                from c in db.ReviewCards.Where(c => c.AccountId == accountId && c.QuestionId == q.Id).DefaultIfEmpty()
                group c by new { q.SectionId } into g
                select new
                {
                    g.Key.SectionId,
                    Total = g.Count(),
                    New = g.Count(c => c == null),
                    Mature = g.Count(c => c != null && c.State == CardState.Review && c.LastReview != null && c.LastReview.Value.AddDays(MatureDays) <= c.Due),
                })
            .ToListAsync(cancellationToken);
        var sections = await db.Sections.AsNoTracking()
            .OrderBy(s => s.Document.Slug).ThenBy(s => s.Position)
            .Select(s => new { s.Id, Document = s.Document.Slug, DocumentTitle = s.Document.Title, s.Position, s.Title })
            .ToListAsync(cancellationToken);
        var counts = rows.ToDictionary(r => r.SectionId);
        return sections
            .Where(s => counts.ContainsKey(s.Id))
            .GroupBy(s => (s.Document, s.DocumentTitle))
            .Select(d => new DocumentProgress(d.Key.Document, d.Key.DocumentTitle, d.Select(s =>
            {
                var row = counts[s.Id];
                return new SectionProgress(s.Position, s.Title, row.New, row.Total - row.New - row.Mature, row.Mature);
            }).ToList()))
            .ToList();
    }

    /// <summary>Cards due by the end of the learner's today (overdue ones too), and in the seven days after.</summary>
    public async Task<DueForecast> GetForecastAsync(long accountId, DateTimeOffset endOfToday, CancellationToken cancellationToken = default)
    {
        var weekEnd = endOfToday.AddDays(7);
        var counts = await db.ReviewCards
            .Where(c => c.AccountId == accountId && !c.Question.IsHidden && c.Due < weekEnd)
            .GroupBy(c => c.Due < endOfToday)
            .Select(g => new { Today = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new DueForecast(
            counts.Where(c => c.Today).Sum(c => c.Count),
            counts.Where(c => !c.Today).Sum(c => c.Count));
    }

    /// <summary>When the learner's reviews since <paramref name="since"/> happened.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> GetReviewTimesAsync(long accountId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        await db.ReviewLog
            .Where(l => l.ReviewedAt >= since && db.ReviewCards.Any(c => c.Id == l.CardId && c.AccountId == accountId))
            .Select(l => l.ReviewedAt)
            .ToListAsync(cancellationToken);

    /// <summary>What admins may see of learners: totals only, nothing of any one learner.</summary>
    public async Task<LearnerTotals> GetTotalsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => new(
        await db.Accounts.CountAsync(a => a.Role == AccountRole.Learner, cancellationToken),
        await db.ReviewLog.CountAsync(l => l.ReviewedAt >= since, cancellationToken),
        await db.ReviewCards.CountAsync(cancellationToken),
        await db.Notes.CountAsync(cancellationToken),
        await db.Bookmarks.CountAsync(cancellationToken));
}

public sealed record DocumentProgress(string Slug, string Title, IReadOnlyList<SectionProgress> Sections)
{
    public int New => Sections.Sum(s => s.New);

    public int Learning => Sections.Sum(s => s.Learning);

    public int Mature => Sections.Sum(s => s.Mature);
}

/// <summary>Counts of one section: new (never rated), learning (rated, not mature) and mature.</summary>
public sealed record SectionProgress(int Position, string Title, int New, int Learning, int Mature);

public sealed record DueForecast(int DueToday, int DueNextSevenDays);

public sealed record LearnerTotals(int Learners, int ReviewsLastSevenDays, int Cards, int Notes, int Bookmarks);
