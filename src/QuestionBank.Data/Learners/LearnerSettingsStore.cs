using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Learners;

/// <summary>A learner's settings; the defaults stand until the learner saves some.</summary>
public sealed class LearnerSettingsStore(QuestionBankDbContext db)
{
    public async Task<LearnerSettings> GetAsync(long accountId, CancellationToken cancellationToken = default) =>
        await db.LearnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AccountId == accountId, cancellationToken)
        ?? new LearnerSettings { AccountId = accountId };

    /// <summary>Saves the settings; unknown document slugs are dropped, and choosing every document means "all, present and future".</summary>
    public async Task<LearnerSettings> SaveAsync(
        long accountId, bool alwaysShowAnswers, IReadOnlyCollection<string>? newCardDocuments, string timeZone, CancellationToken cancellationToken = default)
    {
        List<string>? documents = null;
        if (newCardDocuments is not null)
        {
            var known = await db.Documents.Select(d => d.Slug).ToListAsync(cancellationToken);
            var chosen = known.Intersect(newCardDocuments, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            documents = chosen.Count == known.Count ? null : chosen;
        }

        var settings = await TrackedAsync(accountId, cancellationToken);
        settings.AlwaysShowAnswers = alwaysShowAnswers;
        settings.NewCardDocuments = documents;
        settings.TimeZone = timeZone;
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }

    /// <summary>The UI language the learner chose; null when they have not chosen one.</summary>
    public async Task<string?> GetLanguageAsync(long accountId, CancellationToken cancellationToken = default) =>
        await db.LearnerSettings.Where(s => s.AccountId == accountId).Select(s => s.Language).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Remembers the learner's UI language, leaving their other settings as they are.</summary>
    public async Task SaveLanguageAsync(long accountId, string language, CancellationToken cancellationToken = default)
    {
        var settings = await TrackedAsync(accountId, cancellationToken);
        settings.Language = language;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<LearnerSettings> TrackedAsync(long accountId, CancellationToken cancellationToken) =>
        await db.LearnerSettings.SingleOrDefaultAsync(s => s.AccountId == accountId, cancellationToken)
        ?? db.LearnerSettings.Add(new LearnerSettings { AccountId = accountId }).Entity;

    /// <summary>The learner's time zone; UTC when the stored one is unknown to this machine.</summary>
    public static TimeZoneInfo Zone(LearnerSettings settings) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
