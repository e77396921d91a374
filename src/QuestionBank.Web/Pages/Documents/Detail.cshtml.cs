using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Pages.Documents;

/// <summary>
/// A document as written, without its answers: its introduction, section headings and the text between
/// questions, reference lists and footer, with a link to each question where it stands. The text
/// outside questions lives here, so nothing the source holds is missing from the site.
/// </summary>
public sealed class DetailModel(QuestionQueries queries, IMarkdownDocumentParser parser, MarkdownRenderer renderer) : PageModel
{
    public DocumentDetail Document { get; private set; } = null!;

    /// <summary>In source order: a passage's HTML, or a question to link to.</summary>
    public IReadOnlyList<(string? Html, ParsedQuestion? Question)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var document = await queries.GetDocumentAsync(slug, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        Document = document;
        var parsed = parser.Parse(document.SourceName, Encoding.UTF8.GetBytes(document.Markdown));
        var images = ImagesApi.Urls(document.Images);
        var questions = parsed.Questions.ToList();
        var items = new List<(string?, ParsedQuestion?)>();
        for (var i = 0; i <= questions.Count; i++)
        {
            items.AddRange(parsed.Passages.Where(p => p.BeforeQuestion == i).Select(p => ((string?)renderer.ToHtml(p.Markdown, images), (ParsedQuestion?)null)));
            if (i < questions.Count && document.VisibleQuestions.Contains(questions[i].Slug))
            {
                items.Add((null, questions[i]));
            }
        }

        Items = items;
        return Page();
    }
}
