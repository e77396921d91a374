using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Documentation;

/// <summary>
/// The README stays a front page (what QuestionBank is, the commands, where to read on) and the
/// guides under docs/ hold the rest; a moved file or a renamed heading must not leave a dead link.
/// </summary>
public sealed partial class DocumentationTests
{
    private const int ReadmeMaxLines = 250;

    private static readonly string Repo = QuestionBankApp.RepoRoot;

    public static TheoryData<string> Guides()
    {
        var guides = new TheoryData<string> { "README.md" };
        foreach (var path in Directory.GetFiles(Path.Combine(Repo, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            guides.Add(Path.GetRelativePath(Repo, path).Replace('\\', '/'));
        }

        return guides;
    }

    [Fact]
    public void TheReadmeHasAtMost250Lines()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo, "README.md")).Length;

        Assert.True(lines <= ReadmeMaxLines, $"README.md has {lines} lines; move detail into docs/ (at most {ReadmeMaxLines}).");
    }

    [Theory]
    [MemberData(nameof(Guides))]
    public void EveryRelativeLinkPointsToAFileThatExistsAndAHeadingItHas(string guide)
    {
        var path = Path.Combine(Repo, guide);
        var links = Links(File.ReadAllText(path)).Where(IsRelative).ToList();

        Assert.All(links, link =>
        {
            var (file, anchor) = link.IndexOf('#') is var hash and >= 0 ? (link[..hash], link[(hash + 1)..]) : (link, "");
            var target = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            Assert.True(File.Exists(target) || Directory.Exists(target), $"{guide} links to {link}, which does not exist.");
            if (anchor.Length > 0 && target.EndsWith(".md", StringComparison.Ordinal))
            {
                Assert.True(Anchors(File.ReadAllText(target)).Contains(anchor), $"{guide} links to {link}, but {Path.GetFileName(target)} has no heading with that anchor.");
            }
        });
    }

    /// <summary>The targets of the inline links and images outside code.</summary>
    private static IEnumerable<string> Links(string markdown) =>
        LinkTarget().Matches(WithoutCode(markdown)).Select(match => match.Groups[1].Value);

    private static bool IsRelative(string link) =>
        !link.Contains("://", StringComparison.Ordinal) && !link.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>The anchors GitHub gives a file's headings (outside fenced code): lower case, punctuation and backticks removed, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(FencedCode().Replace(markdown, "")))
        {
            var anchor = NotInAnchor().Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var numbered = anchor;
            for (var n = 1; !anchors.Add(numbered); n++)
            {
                numbered = $"{anchor}-{n}";
            }
        }

        return anchors;
    }

    /// <summary>The markdown without fenced code blocks and code spans, so that examples are not taken for links.</summary>
    private static string WithoutCode(string markdown) => InlineCode().Replace(FencedCode().Replace(markdown, ""), "");

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\s_-]")]
    private static partial Regex NotInAnchor();

    [GeneratedRegex(@"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
