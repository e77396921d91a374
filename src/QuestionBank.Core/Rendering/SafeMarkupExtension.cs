using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// Makes every parsed document safe to render, on the syntax tree once parsing is done, so that no
/// renderer (Markdig's own or an extension's) ever sees what it removes:
/// <list type="bullet">
/// <item>a link, image or autolink whose address <see cref="LinkUrlPolicy"/> refuses becomes its
/// text (a link's text, an image's alt text, an autolink's address) with no <c>href</c> or <c>src</c>;
/// inline, reference-style and autolinks alike, as the parser has already resolved references;</item>
/// <item>attributes written with the generic attributes syntax (<c>{onclick=…}</c>) are dropped
/// unless they are on a short allow-list; ids and classes stay;</item>
/// <item>table column alignment becomes <c>align-left</c>/<c>align-center</c>/<c>align-right</c>
/// classes instead of <c>style</c> attributes, and grid-table column widths are dropped, so pages
/// need no inline styles under the site's Content-Security-Policy.</item>
/// </list>
/// </summary>
public sealed class SafeMarkupExtension : IMarkdownExtension
{
    /// <summary>Attributes the generic attributes syntax may set; anything else (<c>on*</c>, <c>style</c>, <c>href</c>, <c>src</c>, …) is dropped.</summary>
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

    private static void Sanitize(MarkdownDocument document)
    {
        // Collected first: unwrapping a link moves its children in the tree being walked.
        foreach (var node in document.Descendants().ToList())
        {
            node.TryGetAttributes()?.Properties?.RemoveAll(property => !AllowedAttributes.Contains(property.Key));
            switch (node)
            {
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
}
