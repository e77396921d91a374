using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages.Runs;

/// <summary>A run's permanent page: what was run, how it went, its metrics, plots and output.</summary>
public sealed class DetailModel(RunQueries runs) : PageModel
{
    public RunDetail Run { get; private set; } = null!;

    public ExerciseDescription? Exercise { get; private set; }

    /// <summary>The submitted source, highlighted and HTML-escaped: it is code, never read as markdown.</summary>
    public string SourceHtml { get; private set; } = "";

    public bool IsFinal => RunStatus.IsFinal(Run.Status);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(id, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }
        Run = await RunsApi.DescribeAsync(run, runs, cancellationToken);
        Exercise = ExerciseCatalog.Find(run.Exercise);
        SourceHtml = CodeHighlighter.HighlightBlock(run.Source, "csharp");
        return Page();
    }
}
