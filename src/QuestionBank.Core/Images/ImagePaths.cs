namespace QuestionBank.Core.Images;

/// <summary>The one way image addresses in markdown and file paths in an upload are compared.</summary>
public static class ImagePaths
{
    /// <summary>
    /// The path a relative image address names, with <c>.</c> and <c>dir/..</c> segments resolved and
    /// <c>/</c> separators: <c>./img/x.png</c> and <c>img/a/../x.png</c> are both <c>img/x.png</c>.
    /// Leading <c>..</c> segments stay (<c>../img/x.png</c>).
    /// </summary>
    /// <param name="address">An image's address as written in markdown (entities already decoded).</param>
    /// <returns>The path, or null when the address is not a relative path to a file (a scheme, <c>/</c>, <c>#</c> or <c>?</c> first, or empty).</returns>
    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var path = address.Trim();
        var end = path.IndexOfAny(['?', '#']);
        path = end < 0 ? path : path[..end];
        if (path.Length == 0 || path[0] is '/' or '\\' || path.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        path = Uri.UnescapeDataString(path).Replace('\\', '/');
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    /// <summary>
    /// Whether an image address is a path on the author's own disk, which no reader can load: a Windows
    /// drive (<c>F:/img/x.png</c>, <c>C:\x.png</c>) or share (<c>\\host\x.png</c>). An address from <c>/</c> is the
    /// site's own (a run's plot), and <c>file:</c> is a refused scheme whose text alone stays.
    /// </summary>
    public static bool IsFilePath(string? address)
    {
        var path = address?.Trim() ?? string.Empty;
        return (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\')
            || path.StartsWith('\\');
    }

    /// <summary>The path of a file named relative to a document, as a path in the upload the document came from.</summary>
    /// <param name="documentPath">The document's path in the upload (<c>ch3/ch3.md</c>).</param>
    /// <param name="relativePath">A path from <see cref="Normalize"/>, relative to the document's folder.</param>
    /// <returns>The path in the upload; it starts with <c>..</c> when it leaves the upload's top folder.</returns>
    public static string Combine(string documentPath, string relativePath)
    {
        var folder = documentPath.Replace('\\', '/');
        var slash = folder.LastIndexOf('/');
        return slash < 0 ? relativePath : Normalize($"{folder[..slash]}/{relativePath}") ?? relativePath;
    }
}
