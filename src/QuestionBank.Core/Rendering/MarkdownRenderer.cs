using Markdig;
using Markdig.Renderers;
using QuestionBank.Core.Documents;

namespace QuestionBank.Core.Rendering;

/// <summary>Renders markdown to HTML with the application's shared pipeline.</summary>
/// <param name="pipeline">The shared pipeline, normally from <see cref="MarkdownPipelineFactory.Create"/>.</param>
public sealed class MarkdownRenderer(MarkdownPipeline pipeline)
{
    /// <summary>
    /// Renders markdown to HTML; raw HTML in the source comes out escaped. A question's exercise
    /// declaration (<see cref="ExerciseDeclaration"/>) is left out: the page shows the exercise instead.
    /// </summary>
    /// <param name="markdown">The markdown source.</param>
    /// <param name="images">
    /// The images of the document the markdown belongs to (normalized relative path to URL); when given,
    /// relative image addresses are rewritten to those URLs and those it lacks show as their alt text
    /// (<see cref="ImageExtension.ResolveImages"/>). When null, addresses are left as written.
    /// </param>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml(string markdown, IReadOnlyDictionary<string, string>? images = null)
    {
        var document = Markdown.Parse(markdown, pipeline);
        ExerciseDeclaration.RemoveFrom(document);
        if (images is not null)
        {
            ImageExtension.ResolveImages(document, images);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
