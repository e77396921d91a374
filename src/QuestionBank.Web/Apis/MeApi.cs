using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Learners;
using QuestionBank.Web.Extensions;
using QuestionBank.Web.Me;

namespace QuestionBank.Web.Apis;

/// <summary>
/// The signed-in learner's own things: progress, settings, bookmarks and notes. Anonymous callers get
/// 401; what belongs to another learner is 404, as if it did not exist.
/// </summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapLearnerGroup("/api/me", "Me").RequireAntiforgery();
        api.MapGet("/progress", GetProgress);
        api.MapGet("/settings", GetSettings);
        api.MapPut("/settings", PutSettings);
        api.MapGet("/bookmarks", GetBookmarks);
        api.MapPut("/bookmarks/{slug}", PutBookmark);
        api.MapDelete("/bookmarks/{slug}", DeleteBookmark);
        api.MapGet("/notes", SearchNotes);
        api.MapGet("/notes/{slug}", GetNote);
        api.MapPut("/notes/{slug}", PutNote);
        api.MapDelete("/notes/{slug}", DeleteNote);
        return api;
    }

    public static async Task<Ok<ProgressResponse>> GetProgress(ClaimsPrincipal user, LearnerProgress progress, CancellationToken cancellationToken)
    {
        var report = await progress.GetAsync(user.LearnerId(), cancellationToken);
        return TypedResults.Ok(new ProgressResponse(
            report.Documents.Select(d => new DocumentProgressResponse(d.Slug, d.Title, d.New, d.Learning, d.Mature, d.Sections)).ToList(),
            report.Forecast.DueToday,
            report.Forecast.DueNextSevenDays,
            report.NewToday,
            report.Calendar.Streak,
            report.Calendar.ReviewsThisYear,
            report.TimeZone));
    }

    public static async Task<Ok<SettingsResponse>> GetSettings(ClaimsPrincipal user, LearnerSettingsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(SettingsResponse.From(await store.GetAsync(user.LearnerId(), cancellationToken)));

    public static async Task<Ok<SettingsResponse>> PutSettings(
        SettingsRequest request, ClaimsPrincipal user, LearnerSettingsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(SettingsResponse.From(await store.SaveAsync(
            user.LearnerId(), request.AlwaysShowAnswers, request.NewCardDocuments, request.TimeZone ?? LearnerSettings.DefaultTimeZone, cancellationToken)));

    public static async Task<Ok<IReadOnlyList<BookmarkItem>>> GetBookmarks(ClaimsPrincipal user, BookmarkStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(user.LearnerId(), cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> PutBookmark(
        string slug, ClaimsPrincipal user, BookmarkStore store, CancellationToken cancellationToken) =>
        await store.AddAsync(user.LearnerId(), slug, cancellationToken) ? TypedResults.NoContent() : QuestionsApi.QuestionNotFound(slug);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBookmark(
        string slug, ClaimsPrincipal user, BookmarkStore store, CancellationToken cancellationToken) =>
        await store.RemoveAsync(user.LearnerId(), slug, cancellationToken) ? TypedResults.NoContent() : NotYours("bookmark", slug);

    public static async Task<Ok<IReadOnlyList<NoteResponse>>> SearchNotes(
        [AsParameters] NoteSearchQuery query, ClaimsPrincipal user, NoteStore store, MarkdownRenderer renderer, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<NoteResponse>>(
            (await store.SearchAsync(user.LearnerId(), query.Q, cancellationToken)).Select(n => NoteResponse.From(n, renderer)).ToList());

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> GetNote(
        string slug, ClaimsPrincipal user, NoteStore store, MarkdownRenderer renderer, CancellationToken cancellationToken) =>
        await store.FindAsync(user.LearnerId(), slug, cancellationToken) is { } note
            ? TypedResults.Ok(NoteResponse.From(note, renderer))
            : NotYours("note", slug);

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> PutNote(
        string slug, NoteRequest request, ClaimsPrincipal user, NoteStore store, MarkdownRenderer renderer, CancellationToken cancellationToken) =>
        await store.SaveAsync(user.LearnerId(), slug, request.Markdown, cancellationToken) is { } note
            ? TypedResults.Ok(NoteResponse.From(note, renderer))
            : QuestionsApi.QuestionNotFound(slug);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNote(
        string slug, ClaimsPrincipal user, NoteStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(user.LearnerId(), slug, cancellationToken) ? TypedResults.NoContent() : NotYours("note", slug);

    private static ProblemHttpResult NotYours(string what, string slug) =>
        TypedResults.Problem(title: $"No {what}", detail: $"You have no {what} on '{slug}'.", statusCode: StatusCodes.Status404NotFound);
}

public sealed record ProgressResponse(
    IReadOnlyList<DocumentProgressResponse> Documents, int DueToday, int DueNextSevenDays, int NewToday, int Streak, int ReviewsThisYear, string TimeZone);

public sealed record DocumentProgressResponse(string Slug, string Title, int New, int Learning, int Mature, IReadOnlyList<SectionProgress> Sections);

/// <summary>
/// The learner's settings. <c>newCardDocuments</c>: the slugs of the documents whose questions become
/// new cards, or null for all of them; <c>timeZone</c>: an IANA name such as <c>Asia/Shanghai</c>.
/// </summary>
public sealed record SettingsRequest(
    bool AlwaysShowAnswers,
    [property: MaxLength(1000)] IReadOnlyList<string>? NewCardDocuments,
    [property: StringLength(64)] string? TimeZone) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a time zone this server knows (use an IANA name such as Asia/Shanghai).", [nameof(TimeZone)]);
        }

        if (NewCardDocuments is { Count: 0 })
        {
            yield return new ValidationResult("Choose at least one document, or send null for all of them.", [nameof(NewCardDocuments)]);
        }
    }
}

public sealed record SettingsResponse(bool AlwaysShowAnswers, IReadOnlyList<string>? NewCardDocuments, string TimeZone)
{
    public static SettingsResponse From(LearnerSettings settings) => new(settings.AlwaysShowAnswers, settings.NewCardDocuments, settings.TimeZone);
}

public sealed record NoteSearchQuery([property: StringLength(200)] string? Q = null);

/// <summary>A note's markdown, up to <see cref="Note.MaxLength"/> characters.</summary>
public sealed record NoteRequest([property: Required, StringLength(Note.MaxLength)] string Markdown);

/// <summary>A note, with its markdown rendered by the site's one safe pipeline (raw HTML escaped, unsafe links dropped).</summary>
public sealed record NoteResponse(string Slug, string Title, string Markdown, string Html, DateTimeOffset UpdatedAt)
{
    public static NoteResponse From(NoteItem note, MarkdownRenderer renderer) =>
        new(note.Slug, note.Title, note.Markdown, renderer.ToHtml(note.Markdown), note.UpdatedAt);
}
