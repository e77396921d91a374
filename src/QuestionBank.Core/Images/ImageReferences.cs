using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace QuestionBank.Core.Images;

/// <summary>An image a markdown document shows from a file beside it.</summary>
/// <param name="Line">1-based source line of the image.</param>
/// <param name="Path">The address normalized by <see cref="ImagePaths.Normalize"/>, relative to the document's folder.</param>
/// <param name="AltText">The image's alt text.</param>
public sealed record ImageReference(int Line, string Path, string AltText);

/// <summary>Finds, on the syntax tree, the images a document takes from files beside it.</summary>
public static class ImageReferences
{
    /// <summary>Every image whose address is a relative path, in source order; links to other sites and pages are left out.</summary>
    /// <param name="markdown">The whole document.</param>
    /// <param name="pipeline">The shared pipeline, so the tree is the one the pages render.</param>
    public static IReadOnlyList<ImageReference> Find(string markdown, MarkdownPipeline pipeline) =>
        Markdown.Parse(markdown, pipeline).Descendants<LinkInline>()
            .Where(link => link.IsImage)
            .Select(link => (Link: link, Path: ImagePaths.Normalize(link.GetDynamicUrl?.Invoke() ?? link.Url)))
            .Where(image => image.Path is not null)
            .Select(image => new ImageReference(image.Link.Line + 1, image.Path!, AltText(image.Link)))
            .ToList();

    /// <summary>Every image no reader can load because it names a path on the author's disk (<see cref="ImagePaths.IsFilePath"/>), in source order.</summary>
    /// <param name="markdown">The whole document.</param>
    /// <param name="pipeline">The shared pipeline, which turns those images into missing images.</param>
    public static IReadOnlyList<ImageReference> OnAuthorsDisk(string markdown, MarkdownPipeline pipeline) =>
        Markdown.Parse(markdown, pipeline).Descendants<Rendering.MissingImageInline>()
            .Select(image => new ImageReference(image.Line + 1, image.Path, image.AltText))
            .ToList();

    /// <summary>An image's alt text: the text of its children.</summary>
    public static string AltText(ContainerInline image) =>
        string.Concat(image.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));
}
