using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using QuestionBank.Core.Rendering;

namespace QuestionBank.Core.Tests.Rendering;

public partial class LinkSafetyTests
{
    private static readonly MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();

    private static string Render(string markdown) => new MarkdownRenderer(Pipeline).ToHtml(markdown);

    /// <summary>Addresses that must never become a live href or src, as written in markdown source.</summary>
    public static TheoryData<string> HostileDestinations => new()
    {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript:alert(1)//http://example.com",
        "java&#x09;script:alert(1)",
        "java&#9;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "java&#13;script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
        "javascript&colon;alert(1)",
        @"javascript\:alert(1)",
        "<javascript:alert(1)>",
        "< javascript:alert(1)>",
        "<\tjavascript:alert(1)>",
        "&#x01;javascript:alert(1)",
        "&#x1F;javascript:alert(1)",
        "&#x20;javascript:alert(1)",
        "\u00A0javascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml,%3Csvg%20onload=alert(1)%3E",
        "DATA:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "livescript:alert(1)",
        "jar:http://example.com/x.jar!/",
        "%20javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(HostileDestinations))]
    public void AnInlineLinkToAHostileAddressKeepsOnlyItsText(string destination)
    {
        var html = Render($"Before [click me]({destination}) after\n");

        AssertNoLiveAddress(html);
        Assert.Contains("click me", html, StringComparison.Ordinal);
        Assert.Contains("<p>Before click me after</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileDestinations))]
    public void AnImageFromAHostileAddressKeepsOnlyItsAltText(string destination)
    {
        var html = Render($"![alt text]({destination})\n");

        AssertNoLiveAddress(html);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<p>alt text</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileDestinations))]
    public void AReferenceStyleLinkOrImageToAHostileAddressKeepsOnlyItsText(string destination)
    {
        var html = Render($"See [the link][r], [r] and ![the image][r].\n\n[r]: {destination} \"title\"\n");

        AssertNoLiveAddress(html);
        Assert.Contains("See the link, r and the image.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("file:///etc/passwd")]
    public void AnAutolinkToAHostileAddressIsPlainText(string address)
    {
        var html = Render($"Go <{address}> now\n");

        AssertNoLiveAddress(html);
        Assert.Contains($"<p>Go {WebUtility.HtmlEncode(address)} now</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/a?b=1#c", "https://example.com/a?b=1#c")]
    [InlineData("http://example.com", "http://example.com")]
    [InlineData("HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/")]
    [InlineData("mailto:someone@example.com", "mailto:someone@example.com")]
    [InlineData("img/x.png", "img/x.png")]
    [InlineData("/questions/a", "/questions/a")]
    [InlineData("../other.md", "../other.md")]
    [InlineData("#part-1", "#part-1")]
    [InlineData("?q=x", "?q=x")]
    [InlineData("//cdn.example.com/x.png", "//cdn.example.com/x.png")]
    [InlineData("notes/a:b", "notes/a:b")]
    public void LinksToHttpHttpsMailtoAndRelativeAddressesStay(string destination, string href)
    {
        var html = Render($"[text]({destination}) ![alt]({destination})\n");

        Assert.Contains($"<a href=\"{href}\">text</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{href}\" loading=\"lazy\" alt=\"alt\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedAutolinksAndBareAddressesStayLinks()
    {
        var html = Render("<https://example.com/x> <someone@example.com> www.example.com\n");

        Assert.Contains("<a href=\"https://example.com/x\">https://example.com/x</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:someone@example.com\">someone@example.com</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://www.example.com\">www.example.com</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ABareFtpAddressIsNotLinked()
    {
        var html = Render("Files at ftp://example.com/pub here\n");

        AssertNoLiveAddress(html);
        Assert.Contains("ftp://example.com/pub", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkToAHeadingByItsTitleStillWorks()
    {
        var html = Render("## Overfitting\n\nSee [Overfitting].\n");

        Assert.Contains("<a href=\"#overfitting\">Overfitting</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostileImageInsideASafeLinkLeavesTheLinkAroundItsAltText()
    {
        var html = Render("[![logo](javascript:alert(1))](https://example.com)\n");

        Assert.Contains("<a href=\"https://example.com\">logo</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ASafeImageInsideAHostileLinkStaysAnImage()
    {
        var html = Render("[**bold** ![logo](img/logo.png)](javascript:alert(1))\n");

        Assert.Contains("<p><strong>bold</strong> <img src=\"img/logo.png\" loading=\"lazy\" alt=\"logo\" /></p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GenericAttributesCannotAddEventHandlersStylesOrAddresses()
    {
        var html = Render("""
            # Title {#top .lead onmouseover="alert(1)" style="color:red" title="kept"}

            [link](https://example.com){onclick="alert(2)" href="javascript:alert(3)" data-x="1"}

            ![img](x.png){onerror="alert(4)" src="javascript:alert(5)" width="20"}
            """);

        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-x", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"top\" class=\"lead\" title=\"kept\">Title</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com\">link</a>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"x.png\" width=\"20\" loading=\"lazy\" alt=\"img\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TableColumnAlignmentIsAClassNotAStyle()
    {
        var html = Render("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");

        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"align-left\">a</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-center\">2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-right\">3</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>4</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GridTableColumnWidthsAreNotWrittenAsStyles()
    {
        var html = Render("+-----+---------+\n| a   | b       |\n+=====+=========+\n| 1   | 2       |\n+-----+---------+\n");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeHighlightedAsABlockIsNeverReadAsMarkdown()
    {
        const string source = "// ````\n````\n[click me](javascript:alert(1))\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n````";

        var html = CodeHighlighter.HighlightBlock(source, "csharp");

        Assert.StartsWith("<pre class=\"code\"><code class=\"language-csharp\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</code></pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal(source + "\n", WebUtility.HtmlDecode(Tag().Replace(html, "")));
    }

    [Fact]
    public void AHostileLanguageNameIsEscapedInTheHighlightedBlocksClass()
    {
        var html = CodeHighlighter.HighlightBlock("x", "\"><script>alert(1)</script>");

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("class=\"language-&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("relative/path", true)]
    [InlineData("//example.com", true)]
    [InlineData("https://example.com", true)]
    [InlineData("MailTo:a@example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" \u0001javascript:alert(1)", false)]
    [InlineData("jav\tas\ncri\rpt:alert(1)", false)]
    [InlineData("https\t:x", true)]
    [InlineData("tel:123", false)]
    [InlineData("a:b/c", false)]
    public void TheUrlPolicyAllowsOnlyHttpHttpsMailtoAndRelativeAddresses(string? url, bool allowed) =>
        Assert.Equal(allowed, LinkUrlPolicy.IsAllowed(url));

    private static void AssertNoLiveAddress(string html)
    {
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
