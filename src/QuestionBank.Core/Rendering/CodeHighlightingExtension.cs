using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// Replaces the HTML renderer's code block renderer with one that emits
/// <c>&lt;pre class="code"&gt;</c> blocks whose tokens are wrapped in <c>tok-*</c> spans.
/// Rendering only: parsing is left untouched.
/// </summary>
public sealed class CodeHighlightingExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<HighlightedCodeBlockRenderer>())
        {
            html.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeBlockRenderer());
        }
    }
}
