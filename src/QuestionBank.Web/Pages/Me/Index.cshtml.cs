using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Me;

namespace QuestionBank.Web.Pages.Me;

/// <summary>The learner's progress: cards per document and section, what falls due, the year's reviews and the streak.</summary>
public sealed class IndexModel(LearnerProgress progress) : PageModel
{
    public ProgressReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Report = await progress.GetAsync(AccountService.AccountId(User)!.Value, cancellationToken);
}
