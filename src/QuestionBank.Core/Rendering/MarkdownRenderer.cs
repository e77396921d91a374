using Markdig;

namespace QuestionBank.Core.Rendering;

/// <summary>Renders markdown to HTML with the application's shared pipeline.</summary>
/// <param name="pipeline">The shared pipeline, normally from <see cref="MarkdownPipelineFactory.Create"/>.</param>
public sealed class MarkdownRenderer(MarkdownPipeline pipeline)
{
    /// <summary>Renders markdown to HTML; raw HTML in the source comes out escaped.</summary>
    /// <param name="markdown">The markdown source.</param>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml(string markdown) => Markdown.ToHtml(markdown, pipeline);
}
