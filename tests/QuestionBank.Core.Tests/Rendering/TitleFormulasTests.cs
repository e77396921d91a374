using QuestionBank.Core.Rendering;
using QuestionBank.Core.Tests.Documents;

namespace QuestionBank.Core.Tests.Rendering;

public class TitleFormulasTests
{
    [Fact]
    public void AHeadingsFormulaKeepsItsDollarsInTheTitle()
    {
        var document = Parsed.Text("# 书\n\n## 1 $\\sigma$ 方差\n\n### 1.1 用 $ 1/\\sqrt n $ 校准方差\n\n答案。\n");

        Assert.Equal("用 $1/\\sqrt n$ 校准方差", Assert.Single(document.Questions).Title);
        Assert.Equal("$\\sigma$ 方差", Assert.Single(document.Sections).Title);
    }

    [Theory]
    [InlineData("用 $1/\\sqrt n$ 校准方差", "用 <span class=\"math\">\\(1/\\sqrt n\\)</span> 校准方差")]
    [InlineData("当$x=0$$f(x)$时", "当<span class=\"math\">\\(x=0\\)</span><span class=\"math\">\\(f(x)\\)</span>时")]
    [InlineData("It costs $5 and $10", "It costs $5 and $10")]
    [InlineData("$<b>x</b>$ & <i>y</i>", "<span class=\"math\">\\(&lt;b&gt;x&lt;/b&gt;\\)</span> &amp; &lt;i&gt;y&lt;/i&gt;")]
    public void ATitlesFormulasAreMathElementsAndItsTextIsEscaped(string title, string html) =>
        Assert.Equal(html, TitleFormulas.Html(title));

    [Fact]
    public void ATitlesPlainTextHoldsItsFormulasTexWithoutDollars() =>
        Assert.Equal("用 1/\\sqrt n 校准方差", TitleFormulas.Text("用 $1/\\sqrt n$ 校准方差"));

    [Fact]
    public void ATitleSplitsIntoTextAndFormulaParts() =>
        Assert.Equal(
            [new TitlePart("误差", false), new TitlePart("\\sigma", true), new TitlePart("内", false)],
            TitleFormulas.Split("误差$\\sigma$内"));
}
