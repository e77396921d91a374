using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Learners;
using QuestionBank.Data.Moderation;
using Microsoft.Extensions.Localization;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Pages.Admin;

public sealed class IndexModel(
    QuestionModeration moderation, DocumentImporter importer, ProgressQueries progress, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public LearnerTotals Learners { get; private set; } = null!;

    public IReadOnlyList<ImportSummary> Imports { get; private set; } = [];

    public IReadOnlyList<HiddenQuestion> Hidden { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Imports = await moderation.GetImportsAsync(cancellationToken);
        Hidden = await moderation.GetHiddenAsync(cancellationToken);
        Learners = await progress.GetTotalsAsync(clock.GetUtcNow().AddDays(-7), cancellationToken);
    }

    public async Task<IActionResult> OnPostRollbackAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            var found = await importer.RollbackAsync(id, User.Identity!.Name!, cancellationToken);
            return Report(found, text["Import {0} was rolled back.", id], text["There is no import {0}.", id]);
        }
        catch (ImportRollbackException error)
        {
            return Report(false, string.Empty, text.Show(error.Reason));
        }
    }

    public async Task<IActionResult> OnPostHideAsync(string slug, bool hidden, CancellationToken cancellationToken) => Report(
        await moderation.SetHiddenAsync(slug, hidden, cancellationToken),
        hidden ? text["{0} is hidden.", slug] : text["{0} is visible again.", slug],
        text["No question has the slug {0}.", slug]);

    /// <summary>Attaches an exercise to the question (an empty choice detaches it), then shows the question again.</summary>
    public async Task<IActionResult> OnPostExerciseAsync(string slug, string? exercise, CancellationToken cancellationToken)
    {
        var chosen = string.IsNullOrEmpty(exercise) ? null : ExerciseCatalog.Find(exercise);
        if (!string.IsNullOrEmpty(exercise) && chosen is null)
        {
            return Report(false, string.Empty, text["There is no such exercise."]);
        }

        return await moderation.SetExerciseAsync(slug, chosen?.Id, cancellationToken)
            ? RedirectToPage("/Questions/Detail", new { slug })
            : Report(false, string.Empty, text["No question has the slug {0}.", slug]);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, CancellationToken cancellationToken) => Report(
        await moderation.DeleteAsync(slug, cancellationToken), text["{0} was deleted.", slug], text["No question has the slug {0}.", slug]);

    // Post, redirect, get: the outcome travels in TempData so a reload does not repeat the action.
    private RedirectToPageResult Report(bool succeeded, string success, string failure)
    {
        Message = succeeded ? success : null;
        Error = succeeded ? null : failure;
        return RedirectToPage();
    }
}
