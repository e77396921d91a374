using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Learning;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Queries;
using QuestionBank.Data.Reviews;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Apis;
using QuestionBank.Web.Reviews;

namespace QuestionBank.Web.Pages;

/// <summary>The due queue, one question at a time with its answer folded away; rating it shows the next.</summary>
public sealed class ReviewModel(
    ReviewStore store, QuestionQueries queries, MarkdownRenderer renderer, TimeProvider clock, IOptions<ReviewOptions> options) : PageModel
{
    public int Left { get; private set; }

    public QuestionDetail? Question { get; private set; }

    public string BodyHtml { get; private set; } = string.Empty;

    public IReadOnlyList<(string Label, string Html)> Parts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var queue = await store.GetDueAsync(Learner, clock.GetUtcNow(), 1, options.Value.NewCardsPerDay, cancellationToken);
        Left = queue.DueCount + queue.NewCount;
        Question = queue.Items.Count == 0 ? null : await queries.GetAsync(queue.Items[0].Slug, cancellationToken);
        if (Question is not null)
        {
            // The prompt stays in view; everything else is the answer. A body without labelled parts is all answer.
            // Figures show as on the question page: relative addresses become the document's imported images.
            var images = ImagesApi.Urls(Question.Images);
            BodyHtml = renderer.ToHtml(string.Join("\n\n", Question.Parts.Where(p => p.Kind == PartKind.Prompt).Select(p => p.Markdown)), images);
            Parts = Question.Parts.Count == 0
                ? [(string.Empty, renderer.ToHtml(Question.BodyMarkdown, images))]
                : Question.Parts.Where(p => p.Kind != PartKind.Prompt).Select(p => (p.Label, renderer.ToHtml(p.Markdown, images))).ToList();
        }
    }

    public async Task<IActionResult> OnPostAsync(string slug, int rating, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 4 || string.IsNullOrEmpty(slug))
        {
            return BadRequest();
        }

        return await store.ReviewAsync(Learner, slug, (Rating)rating, clock.GetUtcNow(), cancellationToken) is null
            ? NotFound()
            : RedirectToPage();
    }

    private long Learner => AccountService.AccountId(User)!.Value;
}
