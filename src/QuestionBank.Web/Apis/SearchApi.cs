using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Queries;

namespace QuestionBank.Web.Apis;

public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search");
        api.MapGet("/", Search);
        api.MapGet("/suggest", Suggest);
        return api;
    }

    public static async Task<Ok<SearchPage>> Search([AsParameters] SearchQuery query, SearchQueries queries, CancellationToken cancellationToken)
    {
        var result = await queries.SearchAsync(
            new SearchRequest(query.Q!, query.Page, query.PageSize, query.Document, query.Kind, query.Exercise, query.Exact),
            cancellationToken);
        return TypedResults.Ok(new SearchPage(
            result.Hits.Total,
            result.Query.Corrected,
            result.Hits.Items.Select(h => new SearchItem(h.Slug, h.Title, h.Snippet, h.Score)).ToList(),
            result.Facets));
    }

    /// <summary>Glossary terms and question titles for the header box's suggestions, each also split into its text and formulas.</summary>
    public static async Task<Ok<List<SuggestionItem>>> Suggest([AsParameters] SuggestQuery query, SearchQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok((await queries.SuggestAsync(query.Q!, cancellationToken))
            .Select(s => new SuggestionItem(s.Kind, s.Text, s.Target, TitleFormulas.Split(s.Text))).ToList());
}

/// <summary>The query of <c>GET /api/search</c>: <c>q</c> is required; AddValidation answers a bad one with 400 and its errors.</summary>
public sealed record SearchQuery(
    [property: Required(ErrorMessage = "A search query is required.")]
    [property: StringLength(Paging.MaxQueryLength, ErrorMessage = "A search query is at most {1} characters.")]
    string? Q = null,
    [property: Range(1, Paging.MaxPage)] int Page = 1,
    [property: Range(1, Paging.MaxPageSize)] int PageSize = Paging.DefaultPageSize,
    string? Document = null,
    QuestionKind? Kind = null,
    bool? Exercise = null,
    bool Exact = false);

/// <summary>The query of <c>GET /api/search/suggest</c>.</summary>
public sealed record SuggestQuery(
    [property: Required(ErrorMessage = "A search query is required.")]
    [property: StringLength(Paging.MaxQueryLength, ErrorMessage = "A search query is at most {1} characters.")]
    string? Q = null);

/// <summary>A page of results; Corrected is the query searched for instead when the one typed had typos.</summary>
public sealed record SearchPage(int Total, string? Corrected, IReadOnlyList<SearchItem> Items, IReadOnlyList<SearchFacet> Facets);

public sealed record SearchItem(string Slug, string Title, string Snippet, double Score);

/// <summary>A suggestion; Parts is its text split into text and formulas (<see cref="TitleFormulas"/>), for the script to draw without markup.</summary>
public sealed record SuggestionItem(SuggestionKind Kind, string Text, string Target, IReadOnlyList<TitlePart> Parts);
