using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Data.Exports;
using QuestionBank.Web.Exports;

namespace QuestionBank.Web.Apis;

/// <summary>
/// The signed-in learner's exports: their data as JSON, their progress as CSV, and a document (or
/// the whole bank) as an Anki deck. All under /api/me, so all need sign-in (anonymous: 401).
/// </summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapLearnerGroup("/api/me", "Me");
        api.MapGet("/export.json", ExportJson);
        api.MapGet("/export.csv", ExportCsv);
        api.MapGet("/export.apkg", ExportDeck);
        return api;
    }

    public static async Task<Ok<LearnerExport>> ExportJson(ClaimsPrincipal user, ExportQueries exports, TimeProvider clock, CancellationToken cancellationToken)
    {
        var data = await exports.LearnerDataAsync(user.LearnerId(), cancellationToken);
        return TypedResults.Ok(new LearnerExport(clock.GetUtcNow(), data.Settings, data.Cards, data.Bookmarks, data.Notes, data.Runs));
    }

    public static async Task<FileContentHttpResult> ExportCsv(ClaimsPrincipal user, ExportQueries exports, CancellationToken cancellationToken) =>
        TypedResults.File(Encoding.UTF8.GetBytes(ProgressCsv.Write(await exports.LearnerDataAsync(user.LearnerId(), cancellationToken))),
            "text/csv; charset=utf-8", "questionbank-progress.csv");

    /// <summary>The deck, with the learner's review state on its cards so Anki goes on where the learner stopped.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportDeck(
        [AsParameters] DeckQuery query, ClaimsPrincipal user, ExportQueries exports, AnkiDeckWriter writer, CancellationToken cancellationToken)
    {
        // An empty choice (the page's "whole bank", document=) is the whole bank.
        var document = string.IsNullOrWhiteSpace(query.Document) ? null : query.Document;
        var deck = await exports.DeckAsync(document, cancellationToken);
        if (deck is null)
        {
            return TypedResults.Problem(title: "No such document", detail: $"No document is called '{document}'.", statusCode: StatusCodes.Status404NotFound);
        }
        var cards = await exports.CardsAsync(user.LearnerId(), cancellationToken);
        return TypedResults.File(await writer.WriteAsync(deck, cards, cancellationToken), "application/apkg",
            $"questionbank-{document ?? "all"}.apkg");
    }
}

/// <summary>The query of <c>GET /api/me/export.apkg</c>: a document's slug, or none (or empty) for the whole bank.</summary>
public sealed record DeckQuery([property: StringLength(200)] string? Document = null);

/// <summary>A learner's data as <c>export.json</c> holds it.</summary>
public sealed record LearnerExport(
    DateTimeOffset ExportedAt, ExportedSettings Settings, IReadOnlyList<ExportedCard> Cards, IReadOnlyList<ExportedBookmark> Bookmarks,
    IReadOnlyList<ExportedNote> Notes, IReadOnlyList<Data.Runs.RunSummary> Runs);
