using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Rendering;
using QuestionBank.Core.Search;
using QuestionBank.Data.Queries;
using QuestionBank.Data.Runs;
using QuestionBank.Contracts;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Apis;
using QuestionBank.Web.Me;
using QuestionBank.Web.Runs;

namespace QuestionBank.Web.Pages.Questions;

// workers: the embedded worker, when this app runs one.
// learner: what the signed-in learner has of this question (self-test, bookmark, note).
public sealed class DetailModel(
    QuestionQueries queries, RunQueries runs, MarkdownRenderer renderer, IEnumerable<EmbeddedWorker> workers, QuestionLearnerTools learner) : PageModel
{
    public QuestionDetail Question { get; private set; } = null!;

    /// <summary>The body as rendered blocks: one per labelled part, or the whole body when it has no labels.</summary>
    public IReadOnlyList<RenderedBlock> Blocks { get; private set; } = [];

    /// <summary>The hands-on exercise of a coding question, when there is one.</summary>
    public ExerciseDescription? Exercise { get; private set; }

    /// <summary>The question's original Python, highlighted, to read beside the C# version.</summary>
    public string? PythonHtml { get; private set; }

    /// <summary>Where the embedded worker's sandbox is not ready yet (or could not be prepared), its state.</summary>
    public SandboxState? SandboxState { get; } = workers.FirstOrDefault()?.State is { } state && state != Contracts.SandboxState.Ready
        ? state
        : null;

    public IReadOnlyList<RunSummary> RecentRuns { get; private set; } = [];

    /// <summary>This visitor's best run of the exercise from this question.</summary>
    public RunSummary? BestRun { get; private set; }

    /// <summary>The signed-in learner's view of the question; null for anonymous visitors, who see the page as it always was.</summary>
    public QuestionLearnerView? Learner { get; private set; }

    /// <summary>Whether the answer parts are folded until "Show answer": for learners, unless they always show answers.</summary>
    public bool FoldAnswers => Learner is { AlwaysShowAnswers: false };

    /// <summary>What stays in view when the answers are folded: the prompt; a body without labelled parts is all answer.</summary>
    public IEnumerable<RenderedBlock> PromptBlocks => FoldAnswers ? Blocks.Where(IsPrompt) : Blocks;

    /// <summary>The folded blocks.</summary>
    public IEnumerable<RenderedBlock> AnswerBlocks => FoldAnswers ? Blocks.Where(block => !IsPrompt(block)) : [];

    /// <summary>The glossary chips above the answer: all of them, or while the answer is folded those the title and prompt name.</summary>
    public IReadOnlyList<GlossaryEntry> VisibleTerms => FoldAnswers ? Question.PromptTerms : Question.Terms;

    /// <summary>The chips only the folded answer names: they unfold with it.</summary>
    public IReadOnlyList<GlossaryEntry> AnswerTerms => FoldAnswers ? Question.Terms.Except(Question.PromptTerms).ToList() : [];

    [TempData]
    public string? LearnerMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var question = await queries.GetAsync(slug, cancellationToken);
        if (question is null)
        {
            return NotFound();
        }

        Question = question;
        var images = ImagesApi.Urls(question.Images);
        Blocks = question.Parts.Count == 0
            ? [new RenderedBlock(null, null, null, renderer.ToHtml(question.BodyMarkdown, images))]
            : question.Parts
                .Select((p, i) => new RenderedBlock(p.Label, p.Kind.ToString().ToLowerInvariant(), $"part-{i}", renderer.ToHtml(p.Markdown, images)))
                .ToList();

        if (question.ExerciseId is not null && ExerciseCatalog.Find(question.ExerciseId) is { } exercise)
        {
            Exercise = exercise;
            var python = question.CodeBlocks.FirstOrDefault(code => code.Language is "python" or "py");
            PythonHtml = python is null ? null : CodeHighlighter.HighlightBlock(python.Code, "python");
            RecentRuns = await runs.RecentForQuestionAsync(slug, 10, cancellationToken);
            var goal = exercise.Goals[0];
            BestRun = await runs.BestForClientAsync(
                slug, ClientKeys.GetOrCreate(HttpContext), goal.Metric, goal.LowerIsBetter, cancellationToken);
        }

        if (AccountService.AccountId(User) is { } accountId)
        {
            Learner = await learner.GetAsync(accountId, slug, cancellationToken);
        }
        return Page();
    }

    public Task<IActionResult> OnPostRateAsync(string slug, int rating, CancellationToken cancellationToken) =>
        AsLearnerAsync(slug, async id => await learner.RateAsync(id, slug, rating, cancellationToken), "answer");

    public Task<IActionResult> OnPostBookmarkAsync(string slug, bool bookmarked, CancellationToken cancellationToken) =>
        AsLearnerAsync(slug, async id => await learner.BookmarkAsync(id, slug, bookmarked, cancellationToken), "my-note");

    public Task<IActionResult> OnPostNoteAsync(string slug, string? markdown, CancellationToken cancellationToken) =>
        AsLearnerAsync(slug, async id => await learner.SaveNoteAsync(id, slug, markdown, cancellationToken), "my-note");

    // Post, redirect, get: the outcome travels in TempData; anonymous visitors are sent to sign in.
    private async Task<IActionResult> AsLearnerAsync(string slug, Func<long, Task<LearnerOutcome>> action, string fragment)
    {
        if (AccountService.AccountId(User) is not { } accountId)
        {
            return Challenge();
        }

        var outcome = await action(accountId);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        if (outcome.IsInvalid)
        {
            return BadRequest();
        }

        LearnerMessage = outcome.Message;
        return RedirectToPage(null, null, new { slug }, fragment);
    }

    private static bool IsPrompt(RenderedBlock block) => block.Kind == "prompt";

    public sealed record RenderedBlock(string? Label, string? Kind, string? Anchor, string Html);
}
