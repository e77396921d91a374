using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using QuestionBank.Core.Images;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// Makes every parsed document safe to render, on the syntax tree once parsing is done, so that no
/// renderer (Markdig's own or an extension's) ever sees what it removes:
/// <list type="bullet">
/// <item>an image at a path on the author's disk (<c>F:/…</c>, <c>C:\…</c>) is its alt text, marked as a missing image;</item>
/// <item>a link, image or autolink whose address <see cref="LinkUrlPolicy"/> refuses becomes its
/// text (a link's text, an image's alt text, an autolink's address) with no <c>href</c> or <c>src</c>;
/// inline, reference-style and autolinks alike, as the parser has already resolved references;</item>
/// <item>attributes an extension sets are dropped unless they are on a short allow-list; ids and classes
/// stay (the pipeline has no generic-attributes syntax, so a document can't write its own);</item>
/// <item>inline HTML: <c>&lt;br&gt;</c> and, opened and closed within one paragraph or cell, <c>&lt;sup&gt;</c>,
/// <c>&lt;sub&gt;</c>, <c>&lt;u&gt;</c>, <c>&lt;center&gt;</c>, <c>&lt;details&gt;</c> and <c>&lt;summary&gt;</c>,
/// without attributes, stay tags (one left open is closed at the end of its paragraph, a stray closing tag
/// goes); any other tag, and any with attributes, becomes its text, so nothing between tags is lost;</item>
/// <item>table column alignment becomes <c>align-left</c>/<c>align-center</c>/<c>align-right</c>
/// classes instead of <c>style</c> attributes, and grid-table column widths are dropped, so pages
/// need no inline styles under the site's Content-Security-Policy.</item>
/// </list>
/// </summary>
public sealed partial class SafeMarkupExtension : IMarkdownExtension
{
    /// <summary>Attributes an extension may set; anything else (<c>on*</c>, <c>style</c>, <c>href</c>, <c>src</c>, …) is dropped.</summary>
    private static readonly HashSet<string> AllowedAttributes = new(["title", "lang", "dir", "width", "height"], StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= Sanitize;
        pipeline.DocumentProcessed += Sanitize;
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static readonly HashSet<string> PairedTags = new(["sup", "sub", "u", "center", "details", "summary"], StringComparer.OrdinalIgnoreCase);

    private static void Sanitize(MarkdownDocument document)
    {
        foreach (var leaf in document.Descendants<LeafBlock>().Where(l => l.Inline is not null).ToList())
        {
            KeepSafeTags(leaf.Inline!);
        }

        // Collected first: unwrapping a link moves its children in the tree being walked.
        foreach (var node in document.Descendants().ToList())
        {
            node.TryGetAttributes()?.Properties?.RemoveAll(property => !AllowedAttributes.Contains(property.Key));
            switch (node)
            {
                case LinkInline { IsImage: true } image when ImagePaths.IsFilePath(image.GetDynamicUrl?.Invoke() ?? image.Url):
                    // A path on the author's disk (F:/…, C:\…) can't be shown: its alt text, marked as a missing image.
                    image.ReplaceBy(new MissingImageInline(image.GetDynamicUrl?.Invoke() ?? image.Url ?? string.Empty, ImageReferences.AltText(image))
                    {
                        Line = image.Line,
                        Column = image.Column,
                        Span = image.Span,
                    });
                    break;
                case LinkInline link when !LinkUrlPolicy.IsAllowed(link.GetDynamicUrl?.Invoke() ?? link.Url):
                    Unwrap(link);
                    break;
                case AutolinkInline autolink when !LinkUrlPolicy.IsAllowed(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
                case Table table:
                    AlignWithClasses(table);
                    break;
            }
        }
    }

    /// <summary>Keeps the allowed tags of one paragraph (or heading, or cell) balanced; the others become text.</summary>
    private static void KeepSafeTags(ContainerInline root)
    {
        var open = new List<(string Name, HtmlInline Tag)>();
        foreach (var html in root.Descendants<HtmlInline>().ToList())
        {
            var match = SafeTag().Match(html.Tag);
            if (match.Success && match.Groups["name"].Value.Equals("br", StringComparison.OrdinalIgnoreCase) && match.Groups["close"].Length == 0)
            {
                continue;
            }

            var name = match.Groups["name"].Value;
            if (!match.Success || !PairedTags.Contains(name) || match.Groups["self"].Length > 0)
            {
                html.ReplaceBy(new LiteralInline(html.Tag));
            }
            else if (match.Groups["close"].Length == 0)
            {
                open.Add((name, html));
            }
            else if (open.FindLastIndex(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is var index and >= 0)
            {
                // Tags opened inside this one and never closed end here, as a browser would end them.
                foreach (var inner in open[(index + 1)..].AsEnumerable().Reverse())
                {
                    html.InsertBefore(new HtmlInline($"</{inner.Name.ToLowerInvariant()}>"));
                }

                open.RemoveRange(index, open.Count - index);
            }
            else
            {
                html.Remove();
            }
        }

        foreach (var unclosed in Enumerable.Reverse(open))
        {
            root.AppendChild(new HtmlInline($"</{unclosed.Name.ToLowerInvariant()}>"));
        }
    }

    /// <summary>Puts a link's (or an image's) children where it was, without the link: its text stays, its address goes.</summary>
    private static void Unwrap(ContainerInline container)
    {
        var child = container.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            container.InsertBefore(child);
            child = next;
        }

        container.Remove();
    }

    /// <summary>Moves column alignment from the column definitions (rendered as <c>style</c>) onto the cells as classes.</summary>
    private static void AlignWithClasses(Table table)
    {
        var columns = table.ColumnDefinitions;
        if (columns.Count == 0)
        {
            return;
        }

        foreach (var row in table.OfType<TableRow>())
        {
            for (var i = 0; i < row.Count; i++)
            {
                var cell = (TableCell)row[i];
                // The column a cell is in, found as Markdig's table renderer finds it.
                var index = cell.ColumnIndex < 0 || cell.ColumnIndex >= columns.Count ? i : cell.ColumnIndex;
                var alignment = columns[Math.Min(index, columns.Count - 1)].Alignment;
                if (alignment is { } align)
                {
                    cell.GetAttributes().AddClass(align switch
                    {
                        TableColumnAlign.Center => "align-center",
                        TableColumnAlign.Right => "align-right",
                        _ => "align-left",
                    });
                }
            }
        }

        foreach (var column in columns)
        {
            column.Alignment = null;
            column.Width = 0;
        }
    }

    [GeneratedRegex(@"^<(?<close>/)?(?<name>[a-zA-Z]+)\s*(?<self>/)?>$")]
    private static partial Regex SafeTag();
}
