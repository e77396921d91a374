using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages;

public sealed class SearchModel(QuestionQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    // "page" is also the Razor Pages route value, so bind it from the query string only.
    [BindProperty(SupportsGet = true)]
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Null until a query is given; the snippets in it are already HTML-escaped with marks.</summary>
    public Paged<SearchHit>? Result { get; private set; }

    public PagerModel Pager => new("/search", PageNumber, Result?.PageCount ?? 1, new Dictionary<string, string?> { ["q"] = Q });

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || Paging.Validate(PageNumber, Paging.DefaultPageSize).Count > 0 || Q?.Length > Paging.MaxQueryLength)
        {
            return BadRequest();
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            Result = await queries.SearchAsync(Q, PageNumber, Paging.DefaultPageSize, cancellationToken);
        }

        return Page();
    }
}
