using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Learners;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Me;

/// <summary>The learner's notes, newest first, or those that hold what the learner searched for.</summary>
public sealed class NotesModel(NoteStore notes, MarkdownRenderer renderer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<(NoteItem Note, string Html)> Notes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = Query?.Length > 200 ? Query[..200] : Query;
        Notes = (await notes.SearchAsync(AccountService.AccountId(User)!.Value, Query, cancellationToken))
            .Select(note => (note, renderer.ToHtml(note.Markdown)))
            .ToList();
    }
}
