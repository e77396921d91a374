using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Web.Apis;
using QuestionBank.Web.Localization;
using QuestionBank.Web.Runs;

namespace QuestionBank.Web.Pages.Runs;

/// <summary>A run's permanent page: what was run, how it went, its metrics, plots and output. A learner's run is theirs alone (<see cref="RunAccess"/>).</summary>
public sealed class DetailModel(RunQueries runs, IStringLocalizer<SharedResource> text) : PageModel
{
    public RunDetail Run { get; private set; } = null!;

    public ExerciseDescription? Exercise { get; private set; }

    /// <summary>The submitted source, highlighted and HTML-escaped: it is code, never read as markdown.</summary>
    public string SourceHtml { get; private set; } = "";

    public bool IsFinal => RunStatus.IsFinal(Run.Status);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(id, cancellationToken);
        var verdict = RunAccess.Check(run is null ? null : new RunOwner(run.AccountId), User);
        if (run is null || verdict == RunAccess.Verdict.NotFound)
        {
            return NotFound();
        }
        if (verdict == RunAccess.Verdict.SignInRequired)
        {
            return Challenge();
        }
        Run = await RunsApi.DescribeAsync(run, runs, text, cancellationToken);
        Exercise = ExerciseCatalog.Find(run.Exercise);
        SourceHtml = CodeHighlighter.HighlightBlock(run.Source, "csharp");
        return Page();
    }
}
