using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using QuestionBank.Core.Images;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// Images on the page: every image is lazy-loaded (<c>loading="lazy"</c>), an image whose file is
/// missing is shown as its alt text in a <c>span.missing-image</c> rather than as a blank gap, and an
/// image on another site (which the Content-Security-Policy would block) is a link to it, named by its
/// alt text and host, unless its host is one of those the site allows (whose images the policy then lets
/// load). A formula service's image (<see cref="FormulaImages"/>) is the formula it draws. Runs after <see cref="SafeMarkupExtension"/>, which drops unknown attributes.
/// </summary>
/// <param name="remoteHosts">Hosts whose images load directly (exact names, any letter case).</param>
public sealed class ImageExtension(IEnumerable<string> remoteHosts) : IMarkdownExtension
{
    private readonly HashSet<string> remoteHosts = new(remoteHosts, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= LoadLazily;
        pipeline.DocumentProcessed += LoadLazily;
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<MissingImageRenderer>())
        {
            html.ObjectRenderers.Add(new MissingImageRenderer());
        }
    }

    /// <summary>
    /// Points the document's relative image addresses at the stored files: an address found in
    /// <paramref name="images"/> gets its URL, any other becomes its alt text.
    /// </summary>
    /// <param name="document">A document parsed with the shared pipeline.</param>
    /// <param name="images">The document's images: normalized path (<see cref="ImagePaths.Normalize"/>) to URL.</param>
    public static void ResolveImages(MarkdownDocument document, IReadOnlyDictionary<string, string> images)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage).ToList())
        {
            if (ImagePaths.Normalize(image.GetDynamicUrl?.Invoke() ?? image.Url) is not { } path)
            {
                continue;
            }

            if (images.TryGetValue(path, out var url))
            {
                image.GetDynamicUrl = null;
                image.Url = url;
            }
            else
            {
                image.ReplaceBy(new MissingImageInline(path, ImageReferences.AltText(image)));
            }
        }
    }

    private void LoadLazily(MarkdownDocument document)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage).ToList())
        {
            var address = image.GetDynamicUrl?.Invoke() ?? image.Url ?? string.Empty;
            // A protocol-relative address is read as https, as a page served over https would.
            address = address.StartsWith("//", StringComparison.Ordinal) ? "https:" + address : address;
            if (Uri.TryCreate(address, UriKind.Absolute, out var formula) && formula.Scheme is "http" or "https" && FormulaImages.Tex(formula) is { } tex)
            {
                var math = new MathInline
                {
                    Line = image.Line,
                    Column = image.Column,
                    Span = image.Span,
                    Delimiter = '$',
                    DelimiterCount = 1,
                    Content = new StringSlice(tex),
                };
                math.GetAttributes().AddClass("math");
                image.ReplaceBy(math, copyChildren: false);
            }
            else if (Uri.TryCreate(address, UriKind.Absolute, out var remote) && remote.Scheme is "http" or "https" && !remoteHosts.Contains(remote.Host))
            {
                var alt = ImageReferences.AltText(image);
                var link = new LinkInline(remote.AbsoluteUri, string.Empty) { Line = image.Line, Column = image.Column, Span = image.Span };
                link.AppendChild(new LiteralInline($"{(alt.Length > 0 ? alt : "image")} ({remote.Host})"));
                link.GetAttributes().AddClass("remote-image");
                image.ReplaceBy(link, copyChildren: false);
            }
            else
            {
                // A relative address, or an allowed host's image: its address stays as written.
                image.GetAttributes().AddPropertyIfNotExist("loading", "lazy");
            }
        }
    }
}

/// <summary>An image whose file the bank does not have: shown as its alt text.</summary>
/// <param name="path">The missing file's path, relative to the document.</param>
/// <param name="altText">The image's alt text.</param>
internal sealed class MissingImageInline(string path, string altText) : LeafInline
{
    public string Path { get; } = path;

    public string AltText { get; } = altText;
}

internal sealed class MissingImageRenderer : HtmlObjectRenderer<MissingImageInline>
{
    protected override void Write(HtmlRenderer renderer, MissingImageInline obj)
    {
        // Never empty: an image without alt text shows its file name instead.
        var text = obj.AltText.Length > 0 ? obj.AltText : obj.Path;
        if (!renderer.EnableHtmlForInline)
        {
            renderer.WriteEscape(text);
            return;
        }

        renderer.Write("<span class=\"missing-image\" title=\"Missing image: ").WriteEscape(obj.Path).Write("\">")
            .WriteEscape(text).Write("</span>");
    }
}
