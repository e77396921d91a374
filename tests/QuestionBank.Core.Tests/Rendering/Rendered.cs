using Markdig;
using QuestionBank.Core.Rendering;

namespace QuestionBank.Core.Tests.Rendering;

/// <summary>
/// The app's one shared pipeline, and the check every rendering test makes: which fragments the HTML
/// shows and which it must not hold.
/// </summary>
internal static class Rendered
{
    public static readonly MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();

    public static readonly MarkdownRenderer Renderer = new(Pipeline);

    public static string Html(string markdown) => Renderer.ToHtml(markdown);

    public static string Fence(string language, string code) => $"```{language}\n{code}\n```\n";

    /// <summary>Renders the markdown and checks the HTML as <see cref="AssertHolds"/> does.</summary>
    public static string AssertRenders(string markdown, string[] shown, string[]? absent = null) =>
        AssertHolds(Html(markdown), shown, absent);

    /// <summary>
    /// Asserts the HTML holds every shown fragment as written and no absent one in any letter case (markup
    /// such as &lt;SCRIPT is as live as &lt;script); returns the HTML for any further check.
    /// </summary>
    public static string AssertHolds(string html, string[] shown, string[]? absent = null)
    {
        foreach (var fragment in absent ?? [])
        {
            Assert.DoesNotContain(fragment, html, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var fragment in shown)
        {
            Assert.Contains(fragment, html, StringComparison.Ordinal);
        }

        return html;
    }
}
