using Microsoft.Extensions.Localization;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages;

public sealed class SearchModel(SearchQueries queries) : QuestionListPageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(Paging.MaxQueryLength)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Exercise { get; set; }

    /// <summary>Search for the text as typed, without correcting it.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Exact { get; set; }

    /// <summary>Null until a query is given; the snippets in it are already HTML-escaped with marks.</summary>
    public SearchResult? Result { get; private set; }

    public PagerModel Pager => new("/search", PageNumber, Result?.Hits.PageCount ?? 1, State());

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Result = await queries.SearchAsync(
                new SearchRequest(Q, PageNumber, Paging.DefaultPageSize, Document, Kind, Exercise, Exact),
                cancellationToken);
        }
    }

    /// <summary>This search with one parameter set (or, with a null value, removed), from its first page.</summary>
    public string With(string name, string? value)
    {
        var state = State();
        state[name] = value;
        return SearchUrl(state);
    }

    /// <summary>This search without its facet filters.</summary>
    public string WithoutFilters() => SearchUrl(new Dictionary<string, string?> { ["q"] = Q, ["exact"] = Exact ? "true" : null });

    private static string SearchUrl(Dictionary<string, string?> state) =>
        QueryHelpers.AddQueryString("/search", state.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>A facet value's label: a document's title as written, the others in the page's language.</summary>
    public static string FacetLabel(SearchFacet facet, IStringLocalizer text) => facet switch
    {
        { Facet: "kind", Value: nameof(QuestionKind.Coding) } => text["Coding"],
        { Facet: "kind" } => text["Concept"],
        { Facet: "exercise", Value: "true" } => text["Runnable exercise"],
        { Facet: "exercise" } => text["No exercise"],
        _ => facet.Label,
    };

    private Dictionary<string, string?> State() => new()
    {
        ["q"] = Q,
        ["document"] = Document,
        ["kind"] = Kind?.ToString(),
        ["exercise"] = Exercise?.ToString().ToLowerInvariant(),
        ["exact"] = Exact ? "true" : null,
    };
}
