using Markdig;
using static QuestionBank.Core.Tests.Rendering.Rendered;

namespace QuestionBank.Core.Tests.Rendering;

public class MarkdownRendererTests
{
    [Fact]
    public void FormulasBecomeMathElementsHoldingTheirTexAsText() =>
        AssertRenders(
            "The loss $L = -\\sum_i y_i \\log p_i$ is minimised.\n\n$$\n\\frac{a}{b} < c\n$$\n",
            shown: ["<span class=\"math\">\\(L = -\\sum_i y_i \\log p_i\\)</span>", "<div class=\"math\">\n\\[\n\\frac{a}{b} &lt; c\n\\]</div>"]);

    [Fact]
    public void FormulaTextIsKeptInThePlainTextThatSearchIndexes() =>
        AssertHolds(
            Markdown.ToPlainText("Cross-entropy: $-\\log \\mathrm{softmax}(z)_y$\n\n$$\n\\mathrm{KL}(p \\| q)\n$$\n", Pipeline),
            shown: ["softmax", "KL"]);

    [Fact]
    public void MarkupInsideAFormulaIsEscapedText() =>
        AssertRenders(
            "$<img src=x onerror=alert(1)>$ and\n\n$$\n</div><script>alert(1)</script>\n$$\n",
            shown: ["&lt;script&gt;"],
            absent: ["<img", "<script"]);

    [Theory]
    [InlineData("向量$X$的第一个元素是$X_1$，", new[] { "\\(X\\)", "\\(X_1\\)" })]
    [InlineData("用 $ 1/\\sqrt n $ 校准方差", new[] { "\\(1/\\sqrt n\\)" })]
    [InlineData("若$$a+b$$成立", new[] { "\\(a+b\\)" })]
    [InlineData("方向$\\vec{a}$的长度", new[] { "\\(\\vec{a}\\)" })]
    [InlineData("the probability of $X=x $, and PDF$p(x)$", new[] { "\\(X=x\\)", "\\(p(x)\\)" })]
    [InlineData("误差在±1$\\sigma$、±2$\\sigma$内", new[] { "\\(\\sigma\\)", "\\(\\sigma\\)" })]
    [InlineData("当$x=0$$f'(x)=1$时", new[] { "\\(x=0\\)", "\\(f'(x)=1\\)" })]
    [InlineData("层$C_5$$^*$与$a$$$b$$", new[] { "\\(C_5\\)", "\\(^*\\)", "\\(a\\)", "\\(b\\)" })]
    [InlineData("一个64$\\times$256矩阵", new[] { "\\(\\times\\)" })]
    [InlineData("a score of $4 $, and $0 \\leq P \\leq 1 $.", new[] { "\\(4\\)", "\\(0 \\leq P \\leq 1\\)" })]
    public void InlineFormulasNextToChineseTextAreFormulas(string markdown, string[] formulas) =>
        AssertRenders(markdown, shown: [.. formulas.Select(f => $"<span class=\"math\">{f}</span>")], absent: ["$"]);

    [Theory]
    [InlineData("It costs $5 and $10.")]
    [InlineData("US$5 or US$6")]
    [InlineData("It costs 5$ and 6$ here.")]
    [InlineData("a lone $ sign")]
    [InlineData("It costs $ 3 and $4 now.")]
    [InlineData("prices: 5$ or 6$, and $7$8")]
    public void DollarsThatAreNotFormulasStayText(string markdown) =>
        AssertRenders(markdown, shown: [$"<p>{markdown}</p>"], absent: ["class=\"math\""]);

    [Fact]
    public void AStrayDollarRightAfterAFormulaStaysText() =>
        AssertRenders("the $d$$ layer and the $m$ line", shown: ["\\(d\\)</span>$ layer", "\\(m\\)"]);

    [Fact]
    public void NoBraceGroupIsLostAfterText() =>
        AssertRenders(
            "见{附录A}。\n\n$$\n\\begin{aligned} a &= b \\end{aligned}\n$$\n",
            shown: ["见{附录A}。", "\\begin{aligned} a &amp;= b \\end{aligned}"]);

    [Fact]
    public void TheSafeInlineHtmlRendersAndAnyOtherTagIsTextWithItsContent() =>
        AssertRenders(
            "| a | b |\n|---|---|\n| x<br />y | e=mc<sup>2</sup>, H<sub>2</sub>O, <u>u</u> |\n\n<center>图 1: 斑马</center> <span class=\"x\">kept</span> <script>alert(1)</script>\n",
            shown:
            [
                "x<br />y", "mc<sup>2</sup>", "H<sub>2</sub>O", "<u>u</u>", "<center>图 1: 斑马</center>",
                "&lt;span class=&quot;x&quot;&gt;kept&lt;/span&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
            ],
            absent: ["<span class=\"x\"", "<script"]);

    [Fact]
    public void AnAllowedTagLeftOpenIsClosedAtTheEndOfItsParagraph() =>
        AssertRenders(
            "<center>图 14: 斑马示意图\n\n<details><summary>展开</summary>内容\n\n后文</u>\n",
            shown: ["<center>图 14: 斑马示意图</center></p>", "<details><summary>展开</summary>内容</details></p>", "<p>后文</p>"]);

    [Fact]
    public void PythonFenceIsWrappedInPreCodeWithLanguageClass() =>
        AssertRenders(Fence("python", "x = 1"), shown: ["<pre class=\"code\"><code class=\"language-python\">", "</code></pre>"]);

    [Fact]
    public void PythonKeywordsGetKeywordSpans() =>
        AssertRenders(
            Fence("python", "def f(n):\n    return n if n else None"),
            shown:
            [
                "<span class=\"tok-kw\">def</span>",
                "<span class=\"tok-kw\">return</span>",
                "<span class=\"tok-kw\">if</span>",
                "<span class=\"tok-builtin\">None</span>",
                "<span class=\"tok-fn\">f</span>(n)",
            ]);

    [Fact]
    public void PythonStringsIncludingTripleQuotedAndFStringsGetStringSpans() =>
        AssertRenders(
            Fence("py", "a = 'x'\nb = f\"{a} # not a comment\"\nc = \"\"\"line one\nline two\"\"\""),
            shown:
            [
                "<span class=\"tok-str\">'x'</span>",
                "<span class=\"tok-str\">f&quot;{a} # not a comment&quot;</span>",
                "<span class=\"tok-str\">&quot;&quot;&quot;line one\nline two&quot;&quot;&quot;</span>",
            ],
            absent: ["tok-com"]);

    [Fact]
    public void PythonCommentsGetCommentSpansToEndOfLine() =>
        AssertRenders(Fence("python", "x = 1  # the answer\ny = 2"), shown: ["<span class=\"tok-com\"># the answer</span>\ny"]);

    [Fact]
    public void PythonNumbersGetNumberSpans() =>
        AssertRenders(
            Fence("python", "x = 42 + 3.14 + 1e-5 + 0xFF"),
            shown: ["<span class=\"tok-num\">42</span>", "<span class=\"tok-num\">3.14</span>", "<span class=\"tok-num\">1e-5</span>", "<span class=\"tok-num\">0xFF</span>"]);

    [Fact]
    public void IdentifiersInsidePythonStringsAreNotHighlighted() =>
        AssertRenders(
            Fence("python", "print(\"for x in range\")"),
            shown: ["<span class=\"tok-builtin\">print</span>(<span class=\"tok-str\">&quot;for x in range&quot;</span>)"],
            absent: ["tok-kw"]);

    [Fact]
    public void HashCommentLineInPythonFenceStaysInsideCodeBlockAndIsNotAHeading()
    {
        var html = AssertRenders("Intro\n\n" + Fence("python", "# Compute the sum\ntotal = sum(xs)"), shown: [], absent: ["<h1"]);

        var codeStart = html.IndexOf("<pre class=\"code\">", StringComparison.Ordinal);
        var comment = html.IndexOf("<span class=\"tok-com\"># Compute the sum</span>", StringComparison.Ordinal);
        var codeEnd = html.IndexOf("</code></pre>", StringComparison.Ordinal);
        Assert.True(codeStart >= 0 && codeStart < comment && comment < codeEnd, html);
    }

    [Fact]
    public void ScriptTagInMarkdownTextIsEscaped() =>
        AssertRenders(
            "Hello <script>alert(1)</script> world\n\n<script>alert(2)</script>\n",
            shown: ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(2)&lt;/script&gt;"],
            absent: ["<script"]);

    [Theory]
    [InlineData("python")]
    [InlineData("csharp")]
    [InlineData("bash")]
    [InlineData("nosuchlang")]
    [InlineData("")]
    public void ScriptTagInCodeBlockIsEscaped(string language) =>
        AssertRenders(Fence(language, "<script>alert(1)</script>\ns = \"<script>\" # <script>"), shown: ["&lt;script&gt;"], absent: ["<script"]);

    [Fact]
    public void HostileFenceInfoStringIsEscapedInTheClassAttribute() =>
        AssertRenders("```\"><script>alert(1)</script>\nx\n```\n", shown: [], absent: ["<script"]);

    [Fact]
    public void HtmlSpecialCharactersInsideStringsAreEscaped() =>
        AssertRenders(Fence("python", "s = \"a < b && c > d\""), shown: ["<span class=\"tok-str\">&quot;a &lt; b &amp;&amp; c &gt; d&quot;</span>"]);

    [Fact]
    public void PipeTablesRenderAsTables() =>
        AssertRenders("| Op | Cost |\n|----|------|\n| get | O(1) |\n", shown: ["<table>", "<td>O(1)</td>"]);

    [Theory]
    [InlineData("csharp")]
    [InlineData("cs")]
    [InlineData("c#")]
    public void CSharpKeywordsAndLineCommentsAreHighlighted(string language) =>
        AssertRenders(
            Fence(language, "public class Foo // a type\n{\n}"),
            shown: ["<span class=\"tok-kw\">public</span> <span class=\"tok-kw\">class</span> Foo", "<span class=\"tok-com\">// a type</span>"]);

    [Fact]
    public void CSharpBlockCommentsAndVerbatimStringsAreHighlighted() =>
        AssertRenders(
            Fence("csharp", "/* multi\nline */ var p = @\"C:\\dir\\\";"),
            shown: ["<span class=\"tok-com\">/* multi\nline */</span>", "<span class=\"tok-str\">@&quot;C:\\dir\\&quot;</span>;"]);

    [Fact]
    public void ShellHashCommentsAreHighlighted() =>
        AssertRenders(Fence("bash", "echo ${#arr} # count"), shown: ["<span class=\"tok-com\"># count</span>", "${#arr}"]);

    [Fact]
    public void UnknownLanguageIsEscapedPlainText() =>
        AssertRenders(
            Fence("brainfuck", "if x < 1: return \"a\" # c"),
            shown: ["<pre class=\"code\"><code class=\"language-brainfuck\">if x &lt; 1: return &quot;a&quot; # c\n</code></pre>"],
            absent: ["<span"]);

    [Fact]
    public void FenceWithoutLanguageIsEscapedPlainTextInPreCode() =>
        AssertRenders(Fence("", "a <b> c"), shown: ["<pre class=\"code\"><code>a &lt;b&gt; c\n</code></pre>"]);

    [Fact]
    public void PlainTextRenderingWithTheSharedPipelineHasNoMarkup() =>
        Assert.Equal("def f(): pass\n", Markdown.ToPlainText(Fence("python", "def f(): pass"), Pipeline));
}
