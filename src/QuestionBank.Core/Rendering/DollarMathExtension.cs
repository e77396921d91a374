using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// Reads <c>$…$</c> and inline <c>$$…$$</c> the way GitHub and Typora readers expect rather than by
/// Markdig's emphasis rules, which want a space or punctuation outside the dollars: Chinese has no
/// spaces, so <c>向量$X$的第一个元素是$X_1$，</c> stayed raw. Added after Markdig's mathematics extension,
/// whose inline parser it replaces (display blocks stay Markdig's). See <see cref="DollarMathInlineParser"/>.
/// </summary>
public sealed class DollarMathExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<DollarMathInlineParser>())
        {
            pipeline.InlineParsers.Replace<MathInlineParser>(new DollarMathInlineParser());
        }
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}

/// <summary>
/// The rules, as lenient as GitHub and Typora readers are about spaces (<c>$X=x $</c>, <c>$ p(x)$</c>
/// are formulas there) and as strict as pandoc's <c>tex_math_dollars</c> about prices:
/// <list type="bullet">
/// <item>an opening <c>$</c> is not escaped; right after a digit or right after the previous formula's
/// closing <c>$</c> it must be followed by a non-space (<c>±1$\sigma$</c> and <c>$a$$b$</c> are
/// formulas, <c>5$ and 6$</c> is text); any other neighbour, CJK letters included, is fine;</item>
/// <item>the content is not blank;</item>
/// <item>the closing <c>$</c> is the first unescaped one. Content that starts with a digit and ends with
/// a space is a price (<c>$10 each, or $x$</c>); otherwise the closing <c>$</c> may be followed by a digit
/// (<c>64$\times$256</c>) unless the content starts with a digit or ends with a space, as a price does.
/// When that first <c>$</c> can't close, nothing opens here: <c>$5 and $10</c> and <c>US$5 or US$6</c> stay text.</item>
/// </list>
/// <c>$$</c> pairs with <c>$$</c> by the same rules. A formula never spans a blank line (it is one paragraph).
/// </summary>
public sealed class DollarMathInlineParser : MathInlineParser
{
    /// <inheritdoc />
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        var before = slice.PeekCharExtra(-1);
        var next = start + 1 <= slice.End ? text[start + 1] : '\0';
        var closedHere = processor.ParserStates[Index] is FormulaEnd end && ReferenceEquals(end.Text, text) && end.Position == start;
        if (before == '\\' || (before == '$' && !closedHere) || ((char.IsAsciiDigit(before) || closedHere) && char.IsWhiteSpace(next)))
        {
            return false;
        }

        var dollars = next == '$' ? 2 : 1;
        var contentStart = start + dollars;
        if (contentStart > slice.End || text[contentStart] == '$')
        {
            return false;
        }

        var close = FirstUnescapedDollar(text, contentStart, slice.End);
        if (close < 0)
        {
            return false;
        }

        var run = 0;
        while (run < dollars && close + run <= slice.End && text[close + run] == '$')
        {
            run++;
        }

        var after = close + run <= slice.End ? text[close + run] : '\0';
        var fromDigit = char.IsAsciiDigit(text[contentStart]);
        var toSpace = char.IsWhiteSpace(text[close - 1]);
        if (run != dollars || (fromDigit && toSpace) || (char.IsAsciiDigit(after) && (fromDigit || toSpace))
            || string.IsNullOrWhiteSpace(text[contentStart..close]))
        {
            return false;
        }

        var inline = new MathInline
        {
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(close + run - 1)),
            Line = line,
            Column = column,
            Delimiter = '$',
            DelimiterCount = dollars,
            Content = new StringSlice(text, contentStart, close - 1),
        };
        inline.Content.Trim();
        if (DefaultClass is not null)
        {
            inline.GetAttributes().AddClass(DefaultClass);
        }

        processor.Inline = inline;
        slice.Start = close + run;
        processor.ParserStates[Index] = new FormulaEnd(text, slice.Start);
        return true;
    }

    /// <summary>Where the last formula of a block's text ended: a <c>$</c> there may open the next one (<c>$a$$b$</c>).</summary>
    private sealed record FormulaEnd(string Text, int Position);

    private static int FirstUnescapedDollar(string text, int from, int end)
    {
        for (var i = from; i <= end; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '$')
            {
                return i;
            }
        }

        return -1;
    }
}
