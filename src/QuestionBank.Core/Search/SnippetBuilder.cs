using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace QuestionBank.Core.Search;

/// <summary>
/// Builds a short HTML-escaped excerpt of a text around the first place a query's terms match,
/// with matches wrapped in <c>&lt;mark&gt;</c>. Done here rather than with PostgreSQL's
/// <c>ts_headline</c>, whose parser cannot see Chinese bigrams inside a run.
/// </summary>
public static class SnippetBuilder
{
    /// <summary>Builds the snippet.</summary>
    /// <param name="text">Plain text of the matched document.</param>
    /// <param name="terms">What to mark: the query's words, or every form of its concepts.</param>
    /// <param name="length">Approximate snippet length in characters.</param>
    public static string Build(string text, IEnumerable<string> terms, int length = 160) => Build(text, MatchPattern(terms), length);

    /// <summary>Builds the snippet with a pattern from <see cref="MatchPattern"/>, made once for all of a page's snippets.</summary>
    /// <param name="text">Plain text of the matched document.</param>
    /// <param name="pattern">What to mark, or null for nothing.</param>
    /// <param name="length">Approximate snippet length in characters.</param>
    public static string Build(string text, Regex? pattern, int length = 160)
    {
        var flattened = Regex.Replace(text, @"\s+", " ").Trim();
        var first = pattern?.Match(flattened);
        var start = first is { Success: true } ? Math.Max(0, first.Index - (length / 3)) : 0;
        var end = Math.Min(flattened.Length, start + length);
        var window = flattened[start..end];

        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append('…');
        }

        var position = 0;
        foreach (Match match in pattern?.Matches(window) ?? (IEnumerable<Match>)[])
        {
            html.Append(WebUtility.HtmlEncode(window[position..match.Index]))
                .Append("<mark>")
                .Append(WebUtility.HtmlEncode(match.Value))
                .Append("</mark>");
            position = match.Index + match.Length;
        }

        html.Append(WebUtility.HtmlEncode(window[position..]));
        if (end < flattened.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    /// <summary>The pattern that marks <paramref name="terms"/>, or null when there is nothing to mark.</summary>
    /// <param name="terms">What to mark: the query's words, or every form of its concepts.</param>
    public static Regex? MatchPattern(IEnumerable<string> terms)
    {
        // Whole terms first so 过拟合 is marked as one span rather than as two overlapping bigrams;
        // Latin words only as whole words, so GAN is not marked inside "organ".
        var list = terms.ToList();
        var words = list.SelectMany(t => SearchTokenizer.Tokenize(t).Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 1);
        var alternatives = list.Concat(words)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(t => t.Length)
            .Select(t => char.IsAsciiLetterOrDigit(t[0]) ? $@"\b{Regex.Escape(t)}\b" : Regex.Escape(t))
            .ToList();
        return alternatives.Count == 0
            ? null
            : new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
