using Microsoft.AspNetCore.Mvc;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages.Questions;

public sealed class IndexModel(QuestionQueries queries) : QuestionListPageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Section { get; set; }

    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    public DocumentSummary? SelectedDocument => Documents.FirstOrDefault(d => d.Slug == Document);

    public Paged<QuestionListItem> Result { get; private set; } = new(0, 1, Paging.DefaultPageSize, []);

    public PagerModel Pager => new("/questions", Result.Page, Result.PageCount, new Dictionary<string, string?>
    {
        ["document"] = Document,
        ["section"] = Section?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["kind"] = Kind?.ToString().ToLowerInvariant(),
    });

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Documents = await queries.GetDocumentsAsync(cancellationToken);
        Result = await queries.ListAsync(
            new QuestionFilter(PageNumber, Paging.DefaultPageSize, Document, Section, Kind), cancellationToken);
    }
}
