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
/// <item>the closing <c>$</c> is the first unescaped one. It may be followed by a digit (<c>64$\times$256</c>)
/// unless the content starts with a digit or ends with a space, as a price does. When that first <c>$</c>
/// can't close, nothing opens here: <c>$5 and $10</c> and <c>US$5 or US$6</c> stay text. (Two prices with
/// a formula-like stretch between them, <c>$10 each, or $x$</c>, are one formula, as in GitHub's reading:
/// spaced formulas such as <c>$4 $</c> are far commoner in real banks.)</item>
/// </list>
/// <c>$$</c> pairs with <c>$$</c> by the same rules. A formula never spans a blank line (it is one paragraph).
/// </summary>
public sealed class DollarMathInlineParser : MathInlineParser
{
    /// <inheritdoc />
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var afterFormula = processor.ParserStates[Index] is FormulaEnd end && ReferenceEquals(end.Text, text) && end.Position == slice.Start;
        if (!TryRead(text, slice.Start, slice.End, afterFormula, out var formula))
        {
            return false;
        }

        var inline = new MathInline
        {
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(slice.Start, out var line, out var column), processor.GetSourcePosition(formula.End - 1)),
            Line = line,
            Column = column,
            Delimiter = '$',
            DelimiterCount = formula.Dollars,
            Content = new StringSlice(text, formula.ContentStart, formula.Close - 1),
        };
        inline.Content.Trim();
        if (DefaultClass is not null)
        {
            inline.GetAttributes().AddClass(DefaultClass);
        }

        processor.Inline = inline;
        slice.Start = formula.End;
        processor.ParserStates[Index] = new FormulaEnd(text, slice.Start);
        return true;
    }

    /// <summary>Reads the formula that opens at the <c>$</c> at <paramref name="start"/>, by the rules above.</summary>
    /// <param name="text">The text.</param>
    /// <param name="start">The index of a <c>$</c>.</param>
    /// <param name="end">The index of the text's last character that the formula may use.</param>
    /// <param name="afterFormula">Whether the previous formula's closing <c>$</c> is right before <paramref name="start"/>.</param>
    /// <param name="formula">The formula, when there is one.</param>
    /// <returns>Whether a formula opens there.</returns>
    public static bool TryRead(string text, int start, int end, bool afterFormula, out DollarFormula formula)
    {
        formula = default;
        var before = start > 0 ? text[start - 1] : '\0';
        var next = start + 1 <= end ? text[start + 1] : '\0';
        if (before == '\\' || (before == '$' && !afterFormula) || ((char.IsAsciiDigit(before) || afterFormula) && char.IsWhiteSpace(next)))
        {
            return false;
        }

        var dollars = next == '$' ? 2 : 1;
        var contentStart = start + dollars;
        if (contentStart > end || text[contentStart] == '$')
        {
            return false;
        }

        var close = FirstUnescapedDollar(text, contentStart, end);
        if (close < 0)
        {
            return false;
        }

        var run = 0;
        while (run < dollars && close + run <= end && text[close + run] == '$')
        {
            run++;
        }

        var after = close + run <= end ? text[close + run] : '\0';
        var fromDigit = char.IsAsciiDigit(text[contentStart]);
        var toSpace = char.IsWhiteSpace(text[close - 1]);
        if (run != dollars || (char.IsAsciiDigit(after) && (fromDigit || toSpace))
            || string.IsNullOrWhiteSpace(text[contentStart..close]))
        {
            return false;
        }

        formula = new DollarFormula(contentStart, close, dollars);
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

/// <summary>A formula found by <see cref="DollarMathInlineParser.TryRead"/>: its TeX lies from <see cref="ContentStart"/> up to <see cref="Close"/>.</summary>
/// <param name="ContentStart">The index of the TeX's first character.</param>
/// <param name="Close">The index of the closing <c>$</c>.</param>
/// <param name="Dollars">1 for <c>$…$</c>, 2 for <c>$$…$$</c>.</param>
public readonly record struct DollarFormula(int ContentStart, int Close, int Dollars)
{
    /// <summary>The index right after the closing dollars.</summary>
    public int End => Close + Dollars;
}
