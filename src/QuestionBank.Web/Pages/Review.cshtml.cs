using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Learning;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Queries;
using QuestionBank.Data.Reviews;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Apis;
using QuestionBank.Web.Localization;
using QuestionBank.Web.Reviews;

namespace QuestionBank.Web.Pages;

/// <summary>
/// The due queue, one question at a time with its answer folded away and the grades after it, each
/// with the interval FSRS would give; rating it shows the next, and Undo takes the rating back.
/// </summary>
public sealed class ReviewModel(
    ReviewStore store, QuestionQueries queries, MarkdownRenderer renderer, FsrsScheduler scheduler, TimeProvider clock,
    IOptions<ReviewOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    public DueQueue Queue { get; private set; } = new(0, 0, []);

    public int Left => Queue.DueCount + Queue.NewCount;

    public QuestionDetail? Question { get; private set; }

    public string BodyHtml { get; private set; } = string.Empty;

    public IReadOnlyList<(string Label, string Html)> Parts { get; private set; } = [];

    /// <summary>Each grade and the interval it would give the card now.</summary>
    public IReadOnlyList<(Rating Rating, string Interval)> Grades { get; private set; } = [];

    /// <summary>What takes the last rating back (JSON of a <see cref="ReviewUndo"/>), for one request after the rating; TempData is signed and encrypted, so it is the server's own.</summary>
    [TempData]
    public string? Undo { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        TempData.Keep(nameof(Undo));
        var now = clock.GetUtcNow();
        Queue = await store.GetDueAsync(Learner, now, 1, options.Value.NewCardsPerDay, cancellationToken);
        Question = Queue.Items.Count == 0 ? null : await queries.GetAsync(Queue.Items[0].Slug, cancellationToken);
        if (Question is not null)
        {
            // The prompt stays in view; everything else is the answer. A body without labelled parts is all answer.
            // Figures show as on the question page: relative addresses become the document's imported images.
            var images = ImagesApi.Urls(Question.Images);
            BodyHtml = renderer.ToHtml(string.Join("\n\n", Question.Parts.Where(p => p.Kind == PartKind.Prompt).Select(p => p.Markdown)), images);
            Parts = Question.Parts.Count == 0
                ? [(string.Empty, renderer.ToHtml(Question.BodyMarkdown, images))]
                : Question.Parts.Where(p => p.Kind != PartKind.Prompt).Select(p => (p.Label, renderer.ToHtml(p.Markdown, images))).ToList();
            var card = (await store.FindAsync(Learner, Question.Slug, cancellationToken))?.ToFsrs() ?? FsrsCard.New(now);
            Grades = Enum.GetValues<Rating>().Select(rating => (rating, IntervalText.Format(scheduler.Review(card, rating, now).Due - now, text))).ToList();
        }
    }

    public async Task<IActionResult> OnPostAsync(string slug, int rating, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 4 || string.IsNullOrEmpty(slug))
        {
            return BadRequest();
        }

        var rated = await store.RateAsync(Learner, slug, (Rating)rating, clock.GetUtcNow(), cancellationToken);
        if (rated is null)
        {
            return NotFound();
        }

        Undo = JsonSerializer.Serialize(rated.Undo);
        return RedirectToPage();
    }

    /// <summary>Takes the last rating back; its card is the next one shown again.</summary>
    public async Task<IActionResult> OnPostUndoAsync(CancellationToken cancellationToken)
    {
        if (Undo is not null && JsonSerializer.Deserialize<ReviewUndo>(Undo) is { } undo)
        {
            await store.UndoAsync(Learner, undo, cancellationToken);
        }

        // There is nothing left to take back.
        TempData.Remove(nameof(Undo));
        return RedirectToPage();
    }

    private long Learner => AccountService.AccountId(User)!.Value;
}
