using System.Text.RegularExpressions;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// Images that a formula service draws from the TeX in their address (<c>![](https://latex.codecogs.com/gif.latex?E=mc^2)</c>,
/// <c>https://www.zhihu.com/equation?tex=…</c>): banks written before markdown had math use them in place
/// of <c>$…$</c>. The page draws the TeX itself, as it does any formula, rather than linking to the
/// service, which the Content-Security-Policy would block.
/// </summary>
public static partial class FormulaImages
{
    /// <summary>The TeX a formula image's address carries, or null when the address is no formula service's.</summary>
    /// <param name="address">An absolute http or https address.</param>
    /// <returns>The formula's TeX, never blank, or null.</returns>
    public static string? Tex(Uri address)
    {
        var host = address.Host.ToLowerInvariant();
        var query = address.Query.TrimStart('?');
        var tex = host switch
        {
            // codecogs: the whole query is the TeX, percent-encoded ('+' is a plus), after optional \dpi{…} and \bg_… options.
            "latex.codecogs.com" when CodecogsPath().IsMatch(address.AbsolutePath) =>
                CodecogsOptions().Replace(Uri.UnescapeDataString(query), string.Empty),
            // zhihu and Google's chart API encode it as a form value ('+' is a space); GitHub's renderer percent-encodes it.
            "www.zhihu.com" or "zhihu.com" when address.AbsolutePath == "/equation" => FormValue(query, "tex"),
            "chart.googleapis.com" when address.AbsolutePath == "/chart" && FormValue(query, "cht") == "tx" => FormValue(query, "chl"),
            "render.githubusercontent.com" when address.AbsolutePath == "/render/math" => FormValue(query, "math"),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(tex) ? null : tex.Trim();
    }

    private static string? FormValue(string query, string name) =>
        query.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).FirstOrDefault();

    [GeneratedRegex(@"^/(?:gif|png|svg)\.(?:latex|image|download)$")]
    private static partial Regex CodecogsPath();

    [GeneratedRegex(@"^\s*(?:\\(?:dpi\{\d+\}|bg_\w+|bg\{\w+\}|fn_\w+|inline)\s*)+")]
    private static partial Regex CodecogsOptions();
}
