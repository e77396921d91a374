using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Queries;

namespace QuestionBank.Web.Pages;

public sealed class IndexModel(QuestionQueries queries) : PageModel
{
    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Documents = await queries.GetDocumentsAsync(cancellationToken);
}
