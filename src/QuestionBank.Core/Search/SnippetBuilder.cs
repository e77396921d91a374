using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace QuestionBank.Core.Search;

/// <summary>
/// Builds a short HTML-escaped excerpt of a text around the first place a query matches,
/// with matches wrapped in <c>&lt;mark&gt;</c>. Done here rather than with PostgreSQL's
/// <c>ts_headline</c>, whose parser cannot see Chinese bigrams inside a run.
/// </summary>
public static class SnippetBuilder
{
    /// <summary>Builds the snippet.</summary>
    /// <param name="text">Plain text of the matched document.</param>
    /// <param name="query">The user's query.</param>
    /// <param name="length">Approximate snippet length in characters.</param>
    public static string Build(string text, string query, int length = 160)
    {
        var flattened = Regex.Replace(text, @"\s+", " ").Trim();
        var pattern = MatchPattern(query);
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

    private static Regex? MatchPattern(string query)
    {
        var terms = SearchTokenizer.Tokenize(query);
        // Whole CJK runs first so 过拟合 is marked as one span rather than as two overlapping bigrams.
        var runs = Regex.Matches(query, @"[\u2E80-\uFAFF]+").Select(m => m.Value);
        var words = terms.Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var alternatives = runs.Concat(terms.Cjk).Concat(words)
            .Distinct()
            .OrderByDescending(t => t.Length)
            .Select(Regex.Escape)
            .ToList();
        return alternatives.Count == 0
            ? null
            : new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
