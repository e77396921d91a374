using Markdig;
using QuestionBank.Core.Rendering;

namespace QuestionBank.Core.Tests.Rendering;

public class MarkdownRendererTests
{
    private static readonly MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();

    private static string Render(string markdown) => new MarkdownRenderer(Pipeline).ToHtml(markdown);

    private static string Fence(string language, string code) => $"```{language}\n{code}\n```\n";

    [Fact]
    public void FormulasBecomeMathElementsHoldingTheirTexAsText()
    {
        var html = Render("The loss $L = -\\sum_i y_i \\log p_i$ is minimised.\n\n$$\n\\frac{a}{b} < c\n$$\n");

        Assert.Contains("<span class=\"math\">\\(L = -\\sum_i y_i \\log p_i\\)</span>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"math\">\n\\[\n\\frac{a}{b} &lt; c\n\\]</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FormulaTextIsKeptInThePlainTextThatSearchIndexes()
    {
        var text = Markdown.ToPlainText("Cross-entropy: $-\\log \\mathrm{softmax}(z)_y$\n\n$$\n\\mathrm{KL}(p \\| q)\n$$\n", Pipeline);

        Assert.Contains("softmax", text, StringComparison.Ordinal);
        Assert.Contains("KL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkupInsideAFormulaIsEscapedText()
    {
        var html = Render("$<img src=x onerror=alert(1)>$ and\n\n$$\n</div><script>alert(1)</script>\n$$\n");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonFenceIsWrappedInPreCodeWithLanguageClass()
    {
        var html = Render(Fence("python", "x = 1"));

        Assert.Contains("<pre class=\"code\"><code class=\"language-python\">", html, StringComparison.Ordinal);
        Assert.Contains("</code></pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonKeywordsGetKeywordSpans()
    {
        var html = Render(Fence("python", "def f(n):\n    return n if n else None"));

        Assert.Contains("<span class=\"tok-kw\">def</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">return</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-kw\">if</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-builtin\">None</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-fn\">f</span>(n)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonStringsIncludingTripleQuotedAndFStringsGetStringSpans()
    {
        var html = Render(Fence("py", "a = 'x'\nb = f\"{a} # not a comment\"\nc = \"\"\"line one\nline two\"\"\""));

        Assert.Contains("<span class=\"tok-str\">'x'</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">f&quot;{a} # not a comment&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">&quot;&quot;&quot;line one\nline two&quot;&quot;&quot;</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-com", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonCommentsGetCommentSpansToEndOfLine()
    {
        var html = Render(Fence("python", "x = 1  # the answer\ny = 2"));

        Assert.Contains("<span class=\"tok-com\"># the answer</span>\ny", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonNumbersGetNumberSpans()
    {
        var html = Render(Fence("python", "x = 42 + 3.14 + 1e-5 + 0xFF"));

        Assert.Contains("<span class=\"tok-num\">42</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-num\">3.14</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-num\">1e-5</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-num\">0xFF</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentifiersInsidePythonStringsAreNotHighlighted()
    {
        var html = Render(Fence("python", "print(\"for x in range\")"));

        Assert.Contains("<span class=\"tok-builtin\">print</span>(<span class=\"tok-str\">&quot;for x in range&quot;</span>)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-kw", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HashCommentLineInPythonFenceStaysInsideCodeBlockAndIsNotAHeading()
    {
        var html = Render("Intro\n\n" + Fence("python", "# Compute the sum\ntotal = sum(xs)"));

        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        var codeStart = html.IndexOf("<pre class=\"code\">", StringComparison.Ordinal);
        var comment = html.IndexOf("<span class=\"tok-com\"># Compute the sum</span>", StringComparison.Ordinal);
        var codeEnd = html.IndexOf("</code></pre>", StringComparison.Ordinal);
        Assert.True(codeStart >= 0 && codeStart < comment && comment < codeEnd, html);
    }

    [Fact]
    public void ScriptTagInMarkdownTextIsEscaped()
    {
        var html = Render("Hello <script>alert(1)</script> world\n\n<script>alert(2)</script>\n");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python")]
    [InlineData("csharp")]
    [InlineData("bash")]
    [InlineData("nosuchlang")]
    [InlineData("")]
    public void ScriptTagInCodeBlockIsEscaped(string language)
    {
        var html = Render(Fence(language, "<script>alert(1)</script>\ns = \"<script>\" # <script>"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileFenceInfoStringIsEscapedInTheClassAttribute()
    {
        var html = Render("```\"><script>alert(1)</script>\nx\n```\n");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HtmlSpecialCharactersInsideStringsAreEscaped()
    {
        var html = Render(Fence("python", "s = \"a < b && c > d\""));

        Assert.Contains("<span class=\"tok-str\">&quot;a &lt; b &amp;&amp; c &gt; d&quot;</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PipeTablesRenderAsTables()
    {
        var html = Render("| Op | Cost |\n|----|------|\n| get | O(1) |\n");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<td>O(1)</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("cs")]
    [InlineData("c#")]
    public void CSharpKeywordsAndLineCommentsAreHighlighted(string language)
    {
        var html = Render(Fence(language, "public class Foo // a type\n{\n}"));

        Assert.Contains("<span class=\"tok-kw\">public</span> <span class=\"tok-kw\">class</span> Foo", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-com\">// a type</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void CSharpBlockCommentsAndVerbatimStringsAreHighlighted()
    {
        var html = Render(Fence("csharp", "/* multi\nline */ var p = @\"C:\\dir\\\";"));

        Assert.Contains("<span class=\"tok-com\">/* multi\nline */</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-str\">@&quot;C:\\dir\\&quot;</span>;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ShellHashCommentsAreHighlighted()
    {
        var html = Render(Fence("bash", "echo ${#arr} # count"));

        Assert.Contains("<span class=\"tok-com\"># count</span>", html, StringComparison.Ordinal);
        Assert.Contains("${#arr}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLanguageIsEscapedPlainText()
    {
        var html = Render(Fence("brainfuck", "if x < 1: return \"a\" # c"));

        Assert.Contains("<pre class=\"code\"><code class=\"language-brainfuck\">if x &lt; 1: return &quot;a&quot; # c\n</code></pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<span", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FenceWithoutLanguageIsEscapedPlainTextInPreCode()
    {
        var html = Render(Fence("", "a <b> c"));

        Assert.Contains("<pre class=\"code\"><code>a &lt;b&gt; c\n</code></pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTextRenderingWithTheSharedPipelineHasNoMarkup()
    {
        var text = Markdown.ToPlainText(Fence("python", "def f(): pass"), Pipeline);

        Assert.Equal("def f(): pass\n", text);
    }
}
