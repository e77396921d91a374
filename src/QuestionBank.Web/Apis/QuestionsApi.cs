using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Queries;

namespace QuestionBank.Web.Apis;

public static class QuestionsApi
{
    public static RouteGroupBuilder MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questions").WithTags("Questions");
        api.MapGet("/", ListQuestions);
        api.MapGet("/{slug}", GetQuestion);
        return api;
    }

    public static async Task<Results<Ok<QuestionPage>, ValidationProblem>> ListQuestions(
        QuestionQueries queries,
        CancellationToken cancellationToken,
        int page = 1,
        int pageSize = Paging.DefaultPageSize,
        string? document = null,
        int? section = null,
        string? kind = null)
    {
        var errors = Paging.Validate(page, pageSize);
        QuestionKind? parsedKind = null;
        if (kind is not null)
        {
            if (Enum.TryParse<QuestionKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k))
            {
                parsedKind = k;
            }
            else
            {
                errors["kind"] = ["kind must be 'concept' or 'coding'."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await queries.ListAsync(new QuestionFilter(page, pageSize, document, section, parsedKind), cancellationToken);
        return TypedResults.Ok(new QuestionPage(
            result.Total,
            result.Items.Select(q => new QuestionSummary(q.Slug, q.Title, q.Kind, q.Document, q.SectionTitle)).ToList()));
    }

    public static async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> GetQuestion(
        string slug, QuestionQueries queries, MarkdownRenderer renderer, CancellationToken cancellationToken)
    {
        var question = await queries.GetAsync(slug, cancellationToken);
        if (question is null)
        {
            return QuestionNotFound(slug);
        }

        return TypedResults.Ok(new QuestionResponse(
            question.Slug,
            question.Number,
            question.Title,
            question.Kind,
            question.Document,
            question.DocumentTitle,
            question.SectionTitle,
            renderer.ToHtml(question.BodyMarkdown),
            question.Parts.Select(p => new PartResponse(p.Kind, p.Label, p.Markdown, renderer.ToHtml(p.Markdown))).ToList(),
            question.CodeBlocks,
            question.Previous?.Slug,
            question.Next?.Slug,
            question.Similar));
    }

    /// <summary>The 404 for a slug that names no question, for readers and moderators alike.</summary>
    internal static ProblemHttpResult QuestionNotFound(string slug) =>
        TypedResults.Problem(title: "Question not found", detail: $"No question has the slug '{slug}'.", statusCode: StatusCodes.Status404NotFound);
}

public sealed record QuestionPage(int Total, IReadOnlyList<QuestionSummary> Items);

public sealed record QuestionSummary(string Slug, string Title, QuestionKind Kind, string Document, string Section);

public sealed record QuestionResponse(
    string Slug,
    string Number,
    string Title,
    QuestionKind Kind,
    string Document,
    string DocumentTitle,
    string Section,
    string Html,
    IReadOnlyList<PartResponse> Parts,
    IReadOnlyList<CodeSample> CodeBlocks,
    string? Previous,
    string? Next,
    IReadOnlyList<QuestionLink> Similar);

public sealed record PartResponse(PartKind Kind, string Label, string Markdown, string Html);
