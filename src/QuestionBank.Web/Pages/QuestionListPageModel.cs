using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Documents;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages;

/// <summary>What the question list and the search page share: a page of questions, filtered by document and kind.</summary>
public abstract class QuestionListPageModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Document { get; set; }

    [BindProperty(SupportsGet = true)]
    public QuestionKind? Kind { get; set; }

    // "page" is also the Razor Pages route value, so bind it from the query string only.
    [BindProperty(SupportsGet = true)]
    [FromQuery(Name = "page")]
    [Range(1, Paging.MaxPage)]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A page out of range or a query too long: the address is wrong, not the bank.
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Reads the page's questions for the bound filters.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);
}
