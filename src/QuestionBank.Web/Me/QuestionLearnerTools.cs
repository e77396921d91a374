using System.Globalization;
using QuestionBank.Core.Learning;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Learners;
using QuestionBank.Data.Reviews;
using QuestionBank.Web.Localization;
using Microsoft.Extensions.Localization;

namespace QuestionBank.Web.Me;

/// <summary>What a question page offers a signed-in learner: self-test and rating, a bookmark, a note.</summary>
/// Its messages are in the request's language.
public sealed class QuestionLearnerTools(
    LearnerSettingsStore settings, BookmarkStore bookmarks, NoteStore notes, ReviewStore reviews, MarkdownRenderer renderer, TimeProvider clock,
    IStringLocalizer<SharedResource> text)
{
    public async Task<QuestionLearnerView> GetAsync(long accountId, string slug, CancellationToken cancellationToken)
    {
        var learner = await settings.GetAsync(accountId, cancellationToken);
        var note = await notes.FindAsync(accountId, slug, cancellationToken);
        var card = await reviews.FindAsync(accountId, slug, cancellationToken);
        return new QuestionLearnerView(
            learner.AlwaysShowAnswers,
            await bookmarks.ExistsAsync(accountId, slug, cancellationToken),
            note?.Markdown,
            note is null ? null : renderer.ToHtml(note.Markdown),
            card?.State,
            card is null ? null : Describe(card.Due, learner));
    }

    public async Task<LearnerOutcome> RateAsync(long accountId, string slug, int rating, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 4)
        {
            return LearnerOutcome.Invalid;
        }

        var card = await reviews.ReviewAsync(accountId, slug, (Rating)rating, clock.GetUtcNow(), cancellationToken);
        return card is null
            ? LearnerOutcome.NotFound
            : new LearnerOutcome(text["Rated {0}: next review {1}.", text[((Rating)rating).ToString()], Describe(card.Due, await settings.GetAsync(accountId, cancellationToken))]);
    }

    public async Task<LearnerOutcome> BookmarkAsync(long accountId, string slug, bool bookmarked, CancellationToken cancellationToken)
    {
        if (!bookmarked)
        {
            await bookmarks.RemoveAsync(accountId, slug, cancellationToken);
            return new LearnerOutcome(text["Bookmark removed."]);
        }

        return await bookmarks.AddAsync(accountId, slug, cancellationToken) ? new LearnerOutcome(text["Bookmarked."]) : LearnerOutcome.NotFound;
    }

    /// <summary>Saves the note; an empty one deletes it.</summary>
    public async Task<LearnerOutcome> SaveNoteAsync(long accountId, string slug, string? markdown, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            await notes.DeleteAsync(accountId, slug, cancellationToken);
            return new LearnerOutcome(text["Note deleted."]);
        }

        if (markdown.Length > Note.MaxLength)
        {
            return LearnerOutcome.Invalid;
        }

        return await notes.SaveAsync(accountId, slug, markdown, cancellationToken) is null ? LearnerOutcome.NotFound : new LearnerOutcome(text["Note saved."]);
    }

    private static string Describe(DateTimeOffset due, LearnerSettings learner)
    {
        var zone = LearnerSettingsStore.Zone(learner);
        return TimeZoneInfo.ConvertTime(due, zone).ToString("g", CultureInfo.CurrentCulture) + " " + zone.Id;
    }
}

/// <summary>The learner's side of a question page; <see cref="Due"/> is written in the learner's time zone.</summary>
public sealed record QuestionLearnerView(bool AlwaysShowAnswers, bool Bookmarked, string? NoteMarkdown, string? NoteHtml, CardState? CardState, string? Due);

/// <summary>What a learner's action on a question page came to: a message to show, or why it failed.</summary>
public sealed record LearnerOutcome(string? Message, bool IsNotFound = false, bool IsInvalid = false)
{
    public static LearnerOutcome NotFound { get; } = new(null, IsNotFound: true);

    public static LearnerOutcome Invalid { get; } = new(null, IsInvalid: true);
}
