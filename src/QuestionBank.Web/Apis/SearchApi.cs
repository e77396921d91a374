using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Queries;
using QuestionBank.Exercises;

namespace QuestionBank.Web.Apis;

public static class SearchApi
{
    /// <summary>Title keywords that give a coding question a runnable exercise, for the "has an exercise" facet.</summary>
    public static IReadOnlyList<string> ExerciseKeywords { get; } =
        ExerciseCatalog.All.SelectMany(exercise => exercise.QuestionKeywords).Distinct().ToList();

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search");
        api.MapGet("/", Search);
        api.MapGet("/suggest", Suggest);
        return api;
    }

    public static async Task<Results<Ok<SearchPage>, ValidationProblem>> Search(
        SearchQueries queries,
        CancellationToken cancellationToken,
        string? q = null,
        int page = 1,
        int pageSize = Paging.DefaultPageSize,
        string? document = null,
        QuestionKind? kind = null,
        bool? exercise = null,
        bool exact = false)
    {
        var errors = Paging.Validate(page, pageSize);
        if (ValidateQuery(q) is { } error)
        {
            errors["q"] = [error];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await queries.SearchAsync(
            new SearchRequest(q!, page, pageSize, ExerciseKeywords, document, kind, exercise, exact), cancellationToken);
        return TypedResults.Ok(new SearchPage(
            result.Hits.Total,
            result.Query.Corrected,
            result.Hits.Items.Select(h => new SearchItem(h.Slug, h.Title, h.Snippet, h.Score)).ToList(),
            result.Facets));
    }

    /// <summary>Glossary terms and question titles for the header box's suggestions.</summary>
    public static async Task<Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem>> Suggest(
        SearchQueries queries, CancellationToken cancellationToken, string? q = null)
    {
        if (ValidateQuery(q) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [error] });
        }

        return TypedResults.Ok(await queries.SuggestAsync(q!, cancellationToken));
    }

    /// <summary>Why a query cannot be searched, or null when it can.</summary>
    public static string? ValidateQuery(string? q) =>
        string.IsNullOrWhiteSpace(q) ? "A search query is required."
        : q.Length > Paging.MaxQueryLength ? $"A search query is at most {Paging.MaxQueryLength} characters."
        : null;
}

/// <summary>A page of results; Corrected is the query searched for instead when the one typed had typos.</summary>
public sealed record SearchPage(int Total, string? Corrected, IReadOnlyList<SearchItem> Items, IReadOnlyList<SearchFacet> Facets);

public sealed record SearchItem(string Slug, string Title, string Snippet, double Score);
