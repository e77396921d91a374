using System.Net;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// A title is plain text in which a formula keeps its dollars (<c>用 $1/\sqrt n$ 校准方差</c>). Wherever a
/// title shows (pages, lists, search, suggestions, the Anki deck) its formulas are found by the body's
/// rules (<see cref="DollarMathInlineParser.TryRead"/>) and written as Markdig writes an inline formula,
/// <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c>, for KaTeX (or Anki's MathJax) to draw; the rest is inert text.
/// </summary>
public static class TitleFormulas
{
    /// <summary>The title's text and formulas in order; a title without formulas is one text part.</summary>
    public static IReadOnlyList<TitlePart> Split(string title)
    {
        var parts = new List<TitlePart>();
        var textStart = 0;
        for (var i = 0; i < title.Length; i++)
        {
            if (title[i] == '$' && DollarMathInlineParser.TryRead(title, i, title.Length - 1, afterFormula: i == textStart && i > 0, out var formula))
            {
                if (i > textStart)
                {
                    parts.Add(new TitlePart(title[textStart..i], false));
                }

                parts.Add(new TitlePart(title[formula.ContentStart..formula.Close].Trim(), true));
                textStart = formula.End;
                i = formula.End - 1;
            }
        }

        if (textStart < title.Length)
        {
            parts.Add(new TitlePart(title[textStart..], false));
        }

        return parts;
    }

    /// <summary>The title as plain text, each formula as its TeX: for where no markup can go (a page's &lt;title&gt;).</summary>
    public static string Text(string title) => string.Concat(Split(title).Select(part => part.Text));

    /// <summary>
    /// The title as an HTML fragment: its text escaped, its formulas as math elements holding their TeX as
    /// escaped text. For HTML written outside the pages (the Anki deck); pages write <see cref="Split"/>'s parts through their own encoder.
    /// </summary>
    public static string Html(string title) =>
        string.Concat(Split(title).Select(part => part.IsFormula
            ? $"<span class=\"math\">\\({WebUtility.HtmlEncode(part.Text)}\\)</span>"
            : WebUtility.HtmlEncode(part.Text)));
}

/// <summary>A run of a title: text, or a formula's TeX.</summary>
/// <param name="Text">The text, or the formula's TeX without its dollars.</param>
/// <param name="IsFormula">Whether it is a formula.</param>
public sealed record TitlePart(string Text, bool IsFormula);
