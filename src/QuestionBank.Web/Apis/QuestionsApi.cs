using System.ComponentModel.DataAnnotations;
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

    public static async Task<Ok<QuestionPage>> ListQuestions(
        [AsParameters] QuestionListQuery query, QuestionQueries queries, CancellationToken cancellationToken)
    {
        var kind = query.Kind is null ? (QuestionKind?)null : Enum.Parse<QuestionKind>(query.Kind, ignoreCase: true);
        var result = await queries.ListAsync(new QuestionFilter(query.Page, query.PageSize, query.Document, query.Section, kind), cancellationToken);
        return TypedResults.Ok(new QuestionPage(
            result.Total,
            result.Items.Select(q => new QuestionSummary(q.Slug, q.Title, q.Kind, q.Document, q.SectionTitle, q.Exercise)).ToList()));
    }

    public static async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> GetQuestion(
        string slug, QuestionQueries queries, MarkdownRenderer renderer, CancellationToken cancellationToken)
    {
        var question = await queries.GetAsync(slug, cancellationToken);
        if (question is null)
        {
            return QuestionNotFound(slug);
        }

        var images = ImagesApi.Urls(question.Images);
        return TypedResults.Ok(new QuestionResponse(
            question.Slug,
            question.Number,
            question.Title,
            question.Kind,
            question.Document,
            question.DocumentTitle,
            question.SectionTitle,
            renderer.ToHtml(question.BodyMarkdown, images),
            question.Parts.Select(p => new PartResponse(p.Kind, p.Label, p.Markdown, renderer.ToHtml(p.Markdown, images))).ToList(),
            question.CodeBlocks,
            question.Previous?.Slug,
            question.Next?.Slug,
            question.Similar,
            question.ExerciseId));
    }

    /// <summary>The 404 for a slug that names no question, for readers and moderators alike.</summary>
    internal static ProblemHttpResult QuestionNotFound(string slug) =>
        TypedResults.Problem(title: "Question not found", detail: $"No question has the slug '{slug}'.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>The query of <c>GET /api/questions</c>; AddValidation answers a bad one with 400 and its errors.</summary>
public sealed record QuestionListQuery(
    [property: Range(1, Paging.MaxPage)] int Page = 1,
    [property: Range(1, Paging.MaxPageSize)] int PageSize = Paging.DefaultPageSize,
    string? Document = null,
    int? Section = null,
    [property: RegularExpression("(?i)^(concept|coding)$", ErrorMessage = "kind must be 'concept' or 'coding'.")] string? Kind = null);

public sealed record QuestionPage(int Total, IReadOnlyList<QuestionSummary> Items);

/// <summary>A question in a list; Exercise is the id of the exercise its page offers, or null.</summary>
public sealed record QuestionSummary(string Slug, string Title, QuestionKind Kind, string Document, string Section, string? Exercise);

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
    IReadOnlyList<SimilarQuestion> Similar,
    string? Exercise);

public sealed record PartResponse(PartKind Kind, string Label, string Markdown, string Html);
