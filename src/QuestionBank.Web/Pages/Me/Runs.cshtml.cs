using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages.Me;

/// <summary>"My runs": the signed-in learner's runs, all or of one exercise, and their best result per exercise.</summary>
public sealed class RunsModel(RunQueries runs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Exercise { get; set; }

    public MyRuns Runs { get; private set; } = new([], []);

    public IReadOnlyList<ExerciseDescription> Exercises => ExerciseCatalog.All;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var exercise = ExerciseCatalog.Find(Exercise ?? "")?.Id;
        Exercise = exercise;
        Runs = await MyRunsApi.LoadAsync(AccountService.AccountId(User)!.Value, new MyRunsQuery(exercise), runs, cancellationToken);
    }
}
