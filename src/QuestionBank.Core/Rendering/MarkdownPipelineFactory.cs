using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers;

namespace QuestionBank.Core.Rendering;

/// <summary>Builds the one markdown pipeline the application shares for parsing and rendering.</summary>
public static class MarkdownPipelineFactory
{
    /// <summary>
    /// Creates the shared pipeline: GitHub-flavoured extensions (pipe and grid tables, task lists,
    /// strikethrough, footnotes, autolinks), formulas as GitHub and Typora read them (<see cref="DollarMathExtension"/>),
    /// links and images only to http, https, mailto and relative addresses, the safe inline HTML of
    /// <see cref="SafeMarkupExtension"/> with every other tag as text, lazy-loaded images
    /// (<see cref="ImageExtension"/>; images on other sites are links, but those of <paramref name="remoteImageHosts"/>)
    /// and highlighted fenced code blocks. Not Markdig's "advanced" set:
    /// generic attributes delete any <c>{…}</c> after text (<c>$\vec{a}$的</c> lost its <c>{a}</c>), and
    /// the sub/superscript, citation, abbreviation and media-link extensions also eat characters or
    /// turn text into markup the page can't show.
    /// </summary>
    /// <param name="remoteImageHosts">Hosts whose images load directly; the site's Content-Security-Policy must allow them too.</param>
    /// <returns>A pipeline that is safe to share between threads.</returns>
    public static MarkdownPipeline Create(IEnumerable<string>? remoteImageHosts = null)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseAutoIdentifiers()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
            .UseFootnotes()
            .UseGridTables()
            .UsePipeTables()
            .UseListExtras()
            .UseTaskLists()
            .UseAutoLinks()
            .UseMathematics()
            .Use<DollarMathExtension>()
            .Use<SafeMarkupExtension>()
            .Use(new ImageExtension(remoteImageHosts ?? []))
            .Use<CodeHighlightingExtension>();
        // An HTML block would be passed through whole; inline tags are parsed and then kept or made text by SafeMarkupExtension.
        builder.BlockParsers.TryRemove<HtmlBlockParser>();
        return builder.Build();
    }
}
