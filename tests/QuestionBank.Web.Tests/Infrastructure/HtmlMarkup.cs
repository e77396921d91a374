using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>The elements a served page really has (its start tags and their attributes), as opposed to text that merely looks like markup.</summary>
public static partial class HtmlMarkup
{
    public sealed record Tag(string Name, IReadOnlyDictionary<string, string> Attributes, string Html);

    /// <summary>Every start tag in <paramref name="html"/>, with attribute values decoded; names are lower-case.</summary>
    public static IReadOnlyList<Tag> Tags(string html) =>
        [.. StartTag().Matches(html).Select(match => new Tag(
            match.Groups["name"].Value.ToLowerInvariant(),
            match.Groups["attribute"].Captures
                .Select(attribute => Attribute().Match(attribute.Value))
                .GroupBy(attribute => attribute.Groups["name"].Value.ToLowerInvariant())
                // A browser keeps an attribute's first occurrence.
                .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(Unquote(g.First().Groups["value"].Value))),
            match.Value))];

    /// <summary>Script elements with code in the page itself: no src, and not a JSON data block.</summary>
    public static IEnumerable<Tag> InlineScripts(string html) =>
        Tags(html).Where(tag => tag.Name == "script"
            && !tag.Attributes.ContainsKey("src")
            && !(tag.Attributes.TryGetValue("type", out var type) && type.Equals("application/json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Elements with an event-handler attribute (onclick=, onerror=, …).</summary>
    public static IEnumerable<Tag> EventHandlerAttributes(string html) =>
        Tags(html).Where(tag => tag.Attributes.Keys.Any(name => name.StartsWith("on", StringComparison.Ordinal)));

    /// <summary>Elements with an attribute (href, src, action, …) holding a javascript: URL as a browser reads it.</summary>
    public static IEnumerable<Tag> JavascriptUrls(string html) =>
        Tags(html).Where(tag => tag.Attributes.Values.Any(value =>
            string.Concat(value.Where(c => c is not ('\t' or '\n' or '\r'))).TrimStart(ControlOrSpace)
                .StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The text a reader sees in an HTML fragment: tags removed, entities decoded.</summary>
    public static string Text(string html) => WebUtility.HtmlDecode(AnyTag().Replace(html, ""));

    private static readonly char[] ControlOrSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex("""<(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attribute>\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>""")]
    private static partial Regex StartTag();

    [GeneratedRegex("""^\s+(?<name>[^\s"'<>/=]+)(?:\s*=\s*(?<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?$""")]
    private static partial Regex Attribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();
}
