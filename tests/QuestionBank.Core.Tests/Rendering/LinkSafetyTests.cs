using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using QuestionBank.Core.Rendering;
using static QuestionBank.Core.Tests.Rendering.Rendered;

namespace QuestionBank.Core.Tests.Rendering;

public partial class LinkSafetyTests
{
    /// <summary>Addresses that must never become a live href or src, as written in markdown source.</summary>
    private static readonly string[] HostileDestinations =
    [
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
    ];

    /// <summary>Each way markdown writes an address ({0}), with what must stay of it once the address goes.</summary>
    private static readonly (string Markdown, string Kept)[] AddressForms =
    [
        ("Before [click me]({0}) after\n", "<p>Before click me after</p>"),
        ("![alt text]({0})\n", "<p>alt text</p>"),
        ("See [the link][r], [r] and ![the image][r].\n\n[r]: {0} \"title\"\n", "See the link, r and the image."),
    ];

    /// <summary>Markup that would make an address live: a link, an image or any href or src.</summary>
    private static readonly string[] LiveAddress = ["href=", "src=", "<a", "<img"];

    public static TheoryData<string, string, string> HostileDestinationsInEachForm
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (markdown, kept) in AddressForms)
            {
                foreach (var destination in HostileDestinations)
                {
                    data.Add(markdown, destination, kept);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(HostileDestinationsInEachForm))]
    public void AHostileAddressInALinkAnImageOrAReferenceKeepsOnlyTheirText(string form, string destination, string kept) =>
        AssertRenders(string.Format(CultureInfo.InvariantCulture, form, destination), shown: [kept], absent: LiveAddress);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("file:///etc/passwd")]
    public void AnAutolinkToAHostileAddressIsPlainText(string address) =>
        AssertRenders($"Go <{address}> now\n", shown: [$"<p>Go {WebUtility.HtmlEncode(address)} now</p>"], absent: LiveAddress);

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
    public void LinksToHttpHttpsMailtoAndRelativeAddressesStay(string destination, string href) =>
        AssertRenders($"[text]({destination})\n", shown: [$"<a href=\"{href}\">text</a>"]);

    [Theory]
    [InlineData("img/x.png")]
    [InlineData("../other.png")]
    [InlineData("notes/a:b")]
    public void ImagesAtRelativeAddressesStayImages(string destination) =>
        AssertRenders($"![alt]({destination})\n", shown: [$"<img src=\"{destination}\" loading=\"lazy\" alt=\"alt\" />"]);

    [Theory]
    [InlineData("https://example.com/a.png?b=1", "https://example.com/a.png?b=1", "斑马图 (example.com)")]
    [InlineData("HTTP://CDN.EXAMPLE.COM/x.png", "http://cdn.example.com/x.png", "斑马图 (cdn.example.com)")]
    [InlineData("//cdn.example.com/x.png", "https://cdn.example.com/x.png", "斑马图 (cdn.example.com)")]
    public void AnImageOnAnotherSiteIsALinkNamedByItsAltTextAndHost(string destination, string href, string text) =>
        AssertRenders($"![斑马图]({destination})\n", shown: [$"<a href=\"{href}\" class=\"remote-image\">{text}</a>"], absent: ["<img"]);

    [Theory]
    [InlineData("F:/book/img/x.png")]
    [InlineData(@"C:\\book\\x.png")]
    public void AnImageOnTheAuthorsDiskIsItsAltTextMarkedMissing(string destination) =>
        AssertRenders($"![斑马图]({destination})\n", shown: ["<span class=\"missing-image\"", ">斑马图</span>"], absent: ["<img", "src="]);

    [Fact]
    public void AllowedAutolinksAndBareAddressesStayLinks() =>
        AssertRenders(
            "<https://example.com/x> <someone@example.com> www.example.com\n",
            shown:
            [
                "<a href=\"https://example.com/x\">https://example.com/x</a>",
                "<a href=\"mailto:someone@example.com\">someone@example.com</a>",
                "<a href=\"http://www.example.com\">www.example.com</a>",
            ]);

    [Fact]
    public void ABareFtpAddressIsNotLinked() =>
        AssertRenders("Files at ftp://example.com/pub here\n", shown: ["ftp://example.com/pub"], absent: LiveAddress);

    [Fact]
    public void ALinkToAHeadingByItsTitleStillWorks() =>
        AssertRenders("## Overfitting\n\nSee [Overfitting].\n", shown: ["<a href=\"#overfitting\">Overfitting</a>"]);

    [Fact]
    public void AHostileImageInsideASafeLinkLeavesTheLinkAroundItsAltText() =>
        AssertRenders(
            "[![logo](javascript:alert(1))](https://example.com)\n",
            shown: ["<a href=\"https://example.com\">logo</a>"],
            absent: ["javascript"]);

    [Fact]
    public void ASafeImageInsideAHostileLinkStaysAnImage() =>
        AssertRenders(
            "[**bold** ![logo](img/logo.png)](javascript:alert(1))\n",
            shown: ["<p><strong>bold</strong> <img src=\"img/logo.png\" loading=\"lazy\" alt=\"logo\" /></p>"],
            absent: ["javascript"]);

    [Fact]
    public void BracesAfterTextStayTextAndSetNoAttributes() =>
        AssertRenders(
            """
            # Title {#top .lead onmouseover="alert(1)" style="color:red"}

            [link](https://example.com){onclick="alert(2)" href="javascript:alert(3)"}
            """,
            shown:
            [
                "Title {#top .lead onmouseover=&quot;alert(1)&quot; style=&quot;color:red&quot;}</h1>",
                "<a href=\"https://example.com\">link</a>{onclick=",
            ],
            absent: ["style=\"", "href=\"javascript", "class=\"lead\"", "onmouseover=\"", "onclick=\""]);

    [Fact]
    public void TableColumnAlignmentIsAClassNotAStyle() =>
        AssertRenders(
            "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
            shown: ["<th class=\"align-left\">a</th>", "<td class=\"align-center\">2</td>", "<td class=\"align-right\">3</td>", "<td>4</td>"],
            absent: ["style="]);

    [Fact]
    public void GridTableColumnWidthsAreNotWrittenAsStyles() =>
        AssertRenders(
            "+-----+---------+\n| a   | b       |\n+=====+=========+\n| 1   | 2       |\n+-----+---------+\n",
            shown: ["<table>"],
            absent: ["style="]);

    [Fact]
    public void CodeHighlightedAsABlockIsNeverReadAsMarkdown()
    {
        const string source = "// ````\n````\n[click me](javascript:alert(1))\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n````";

        var html = AssertHolds(CodeHighlighter.HighlightBlock(source, "csharp"), shown: [], absent: ["<a", "<script", "<img"]);

        Assert.StartsWith("<pre class=\"code\"><code class=\"language-csharp\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</code></pre>", html, StringComparison.Ordinal);
        Assert.Equal(source + "\n", WebUtility.HtmlDecode(Tag().Replace(html, "")));
    }

    [Fact]
    public void AHostileLanguageNameIsEscapedInTheHighlightedBlocksClass() =>
        AssertHolds(
            CodeHighlighter.HighlightBlock("x", "\"><script>alert(1)</script>"),
            shown: ["class=\"language-&quot;&gt;&lt;script&gt;"],
            absent: ["<script"]);

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

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
