using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages.Questions;

public sealed class IndexModel(QuestionQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Document { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public QuestionKind? Kind { get; set; }

    // "page" is also the Razor Pages route value, so bind it from the query string only.
    [BindProperty(SupportsGet = true)]
    [FromQuery(Name = "page")]
    [Range(1, Paging.MaxPage)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    public DocumentSummary? SelectedDocument => Documents.FirstOrDefault(d => d.Slug == Document);

    public Paged<QuestionListItem> Result { get; private set; } = new(0, 1, Paging.DefaultPageSize, []);

    public PagerModel Pager => new("/questions", Result.Page, Result.PageCount, new Dictionary<string, string?>
    {
        ["document"] = Document,
        ["section"] = Section?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["kind"] = Kind?.ToString().ToLowerInvariant(),
    });

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        Documents = await queries.GetDocumentsAsync(cancellationToken);
        Result = await queries.ListAsync(
            new QuestionFilter(PageNumber, Paging.DefaultPageSize, Document, Section, Kind), cancellationToken);
        return Page();
    }
}
