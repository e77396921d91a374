using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Data.Queries;

namespace QuestionBank.Web.Apis;

public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search");
        api.MapGet("/", Search);
        return api;
    }

    public static async Task<Results<Ok<SearchPage>, ValidationProblem>> Search(
        QuestionQueries queries,
        CancellationToken cancellationToken,
        string? q = null,
        int page = 1,
        int pageSize = Paging.DefaultPageSize)
    {
        var errors = Paging.Validate(page, pageSize);
        if (string.IsNullOrWhiteSpace(q))
        {
            errors["q"] = ["A search query is required."];
        }
        else if (q.Length > Paging.MaxQueryLength)
        {
            errors["q"] = [$"A search query is at most {Paging.MaxQueryLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await queries.SearchAsync(q!, page, pageSize, cancellationToken);
        return TypedResults.Ok(new SearchPage(
            result.Total,
            result.Items.Select(h => new SearchItem(h.Slug, h.Title, h.Snippet, h.Score)).ToList()));
    }
}

public sealed record SearchPage(int Total, IReadOnlyList<SearchItem> Items);

public sealed record SearchItem(string Slug, string Title, string Snippet, double Score);
