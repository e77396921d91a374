using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Learners;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Me;

public sealed class BookmarksModel(BookmarkStore bookmarks) : PageModel
{
    public IReadOnlyList<BookmarkItem> Bookmarks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Bookmarks = await bookmarks.ListAsync(AccountService.AccountId(User)!.Value, cancellationToken);
}
