namespace QuestionBank.Core.Rendering;

/// <summary>
/// Which addresses a link or an image in rendered markdown may point at: <c>http</c>, <c>https</c>,
/// <c>mailto</c> and relative addresses (no scheme: <c>img/x.png</c>, <c>/questions/a</c>, <c>#part-1</c>,
/// <c>?q=x</c>, and protocol-relative <c>//host/path</c>, which stays on http or https).
/// Everything else (<c>javascript:</c>, <c>vbscript:</c>, <c>data:</c>, <c>file:</c>, …) is refused.
/// </summary>
public static class LinkUrlPolicy
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>What the URL standard strips from both ends of an address: C0 controls and the space.</summary>
    private static readonly char[] ControlOrSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    /// <summary>Whether <paramref name="url"/> may be written into an <c>href</c> or <c>src</c>.</summary>
    /// <param name="url">The address as it would be written (entities and escapes already decoded); <c>null</c> or empty is a link to the page itself.</param>
    /// <returns><c>true</c> for an allowed scheme or a relative address.</returns>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Read the address as a browser's URL parser does: it drops leading and trailing C0 controls
        // and spaces, and tabs and newlines anywhere, so " java\tscript:" is a javascript: URL.
        var normalized = string.Concat(url.Where(c => c is not ('\t' or '\n' or '\r'))).Trim(ControlOrSpace);

        // A scheme is whatever comes before the first ':' that precedes any '/', '?' or '#'. This is
        // stricter than the URL standard (which also asks for letters, digits, '+', '-' and '.' only):
        // anything else before a colon is refused too rather than trusted to be read as a path.
        var end = normalized.AsSpan().IndexOfAny(":/?#");
        if (end < 0 || normalized[end] != ':')
        {
            return true;
        }

        var scheme = normalized[..end];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
