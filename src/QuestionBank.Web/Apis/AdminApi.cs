using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Learners;
using QuestionBank.Data.Moderation;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Web.Extensions;
using QuestionBank.Web.Admin;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Apis;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AdminExtensions.AdminPolicy);
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ImportLimitsOptions>>().Value;
        api.MapGet("/antiforgery", AccountApi.GetAntiforgeryToken);
        api.MapPost("/imports", Import)
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: limits.MaxRequestBytes);
        api.MapGet("/imports", GetImports);
        api.MapPost("/imports/{id:long}/rollback", Rollback);
        api.MapPost("/questions/{slug}/hide", (string slug, QuestionModeration moderation, CancellationToken ct) => SetHidden(slug, true, moderation, ct));
        api.MapPost("/questions/{slug}/unhide", (string slug, QuestionModeration moderation, CancellationToken ct) => SetHidden(slug, false, moderation, ct));
        api.MapDelete("/questions/{slug}", DeleteQuestion);
        api.MapGet("/learners", GetLearnerTotals);
        api.MapPut("/questions/{slug}/exercise", AttachExercise).RequireAntiforgery();
        api.MapDelete("/questions/{slug}/exercise", DetachExercise).RequireAntiforgery();
        return api;
    }

    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(
        IFormFileCollection files,
        HttpContext context,
        DocumentImporter importer,
        IOptions<ImportLimitsOptions> limits,
        IStringLocalizer<SharedResource> text,
        CancellationToken cancellationToken,
        [FromQuery] bool dryRun = true)
    {
        if (files.Count == 0)
        {
            return TypedResults.Problem(
                title: text["Nothing to import"],
                detail: text["Send markdown files and their images, or a zip of them, as multipart form data."],
                statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var uploads = ImportUploads.Expand(await ImportUploads.ReadAsync(files, cancellationToken), limits.Value.Archive);
            var outcome = await importer.ImportFilesAsync(uploads, new ImportOptions(context.User.Identity!.Name!, dryRun), cancellationToken);
            return TypedResults.Ok(ImportReport.Of(outcome, text));
        }
        catch (DocumentParseException error)
        {
            return ImportRejected(error, text);
        }
    }

    /// <summary>Learners in aggregate: admins see counts only, never one learner's cards, notes or bookmarks.</summary>
    public static async Task<Ok<LearnerTotals>> GetLearnerTotals(ProgressQueries progress, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await progress.GetTotalsAsync(clock.GetUtcNow().AddDays(-7), cancellationToken));

    public static async Task<Ok<IReadOnlyList<ImportSummary>>> GetImports(QuestionModeration moderation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await moderation.GetImportsAsync(cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> Rollback(
        long id, HttpContext context, DocumentImporter importer, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        try
        {
            return await importer.RollbackAsync(id, context.User.Identity!.Name!, cancellationToken)
                ? TypedResults.NoContent()
                : TypedResults.Problem(title: text["Import not found"], detail: text["There is no import {0}.", id], statusCode: StatusCodes.Status404NotFound);
        }
        catch (ImportRollbackException error)
        {
            return TypedResults.Problem(
                title: text["The import cannot be rolled back"],
                detail: text.Show(error.Reason),
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["reasonKey"] = error.Reason.Key, ["reasonArguments"] = error.Reason.Arguments });
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteQuestion(
        string slug, QuestionModeration moderation, CancellationToken cancellationToken) =>
        await moderation.DeleteAsync(slug, cancellationToken) ? TypedResults.NoContent() : QuestionsApi.QuestionNotFound(slug);

    /// <summary>Attaches an exercise to a question; it outlives re-imports until the document declares one for the question.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AttachExercise(
        string slug, ExerciseChoice choice, QuestionModeration moderation, CancellationToken cancellationToken)
    {
        if (ExerciseCatalog.Find(choice.Exercise ?? string.Empty) is not { } exercise)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["exercise"] = [$"Choose one of {string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))}."],
            });
        }

        return await moderation.SetExerciseAsync(slug, exercise.Id, cancellationToken) ? TypedResults.NoContent() : QuestionsApi.QuestionNotFound(slug);
    }

    /// <summary>Detaches the question's exercise, and keeps it detached through re-imports that declare none.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DetachExercise(
        string slug, QuestionModeration moderation, CancellationToken cancellationToken) =>
        await moderation.SetExerciseAsync(slug, null, cancellationToken) ? TypedResults.NoContent() : QuestionsApi.QuestionNotFound(slug);

    /// <summary>
    /// The ProblemDetails for a file the importer refused: the detail names the file and, where known, the line, in the
    /// request's language; the reason's key and arguments let a client say it in another.
    /// </summary>
    public static ProblemHttpResult ImportRejected(DocumentParseException error, IStringLocalizer text) => TypedResults.Problem(
        title: text["The import was rejected; the bank is unchanged"],
        detail: text.Show(error),
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?>
        {
            ["file"] = error.SourceName,
            ["line"] = error.Line,
            ["reasonKey"] = error.Reason.Key,
            ["reasonArguments"] = error.Reason.Arguments,
        });

    private static async Task<Results<NoContent, ProblemHttpResult>> SetHidden(
        string slug, bool hidden, QuestionModeration moderation, CancellationToken cancellationToken) =>
        await moderation.SetHiddenAsync(slug, hidden, cancellationToken) ? TypedResults.NoContent() : QuestionsApi.QuestionNotFound(slug);
}

/// <summary>The body of <c>PUT /api/admin/questions/{slug}/exercise</c>: an exercise id such as <c>cnn</c>.</summary>
public sealed record ExerciseChoice(string? Exercise);
