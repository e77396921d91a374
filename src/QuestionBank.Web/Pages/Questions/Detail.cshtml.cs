using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Queries;

namespace QuestionBank.Web.Pages.Questions;

public sealed class DetailModel(QuestionQueries queries, MarkdownRenderer renderer) : PageModel
{
    public QuestionDetail Question { get; private set; } = null!;

    /// <summary>The body as rendered blocks: one per labelled part, or the whole body when it has no labels.</summary>
    public IReadOnlyList<RenderedBlock> Blocks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var question = await queries.GetAsync(slug, cancellationToken);
        if (question is null)
        {
            return NotFound();
        }

        Question = question;
        Blocks = question.Parts.Count == 0
            ? [new RenderedBlock(null, null, null, renderer.ToHtml(question.BodyMarkdown))]
            : question.Parts
                .Select((p, i) => new RenderedBlock(p.Label, p.Kind.ToString().ToLowerInvariant(), $"part-{i}", renderer.ToHtml(p.Markdown)))
                .ToList();
        return Page();
    }

    public sealed record RenderedBlock(string? Label, string? Kind, string? Anchor, string Html);
}
