using Markdig;
using QuestionBank.Core.Images;
using QuestionBank.Core.Rendering;
using static QuestionBank.Core.Tests.Rendering.Rendered;

namespace QuestionBank.Core.Tests.Rendering;

public class ImageRenderingTests
{
    private static readonly Dictionary<string, string> Images = new() { ["img/ch3/3-1.png"] = "/images/abc.png" };

    [Theory]
    [InlineData("![感知机](img/ch3/3-1.png)\n")]
    [InlineData("![感知机](./img/ch3/3-1.png)\n")]
    [InlineData("![感知机](img/ch3/../ch3/3-1.png)\n")]
    [InlineData("![感知机][f]\n\n[f]: ./img/ch3/3-1.png\n")]
    public void ARelativeImagePathIsRewrittenToItsStoredUrlAndLoadsLazily(string markdown) =>
        AssertHolds(Renderer.ToHtml(markdown, Images), shown: ["<img src=\"/images/abc.png\" loading=\"lazy\" alt=\"感知机\" />"]);

    [Theory]
    [InlineData("前 ![池化层示意图](img/ch3/missing.png) 后\n", "<span class=\"missing-image\" title=\"Missing image: img/ch3/missing.png\">池化层示意图</span>")]
    [InlineData("![](img/<b>.png)\n", "<span class=\"missing-image\" title=\"Missing image: img/&lt;b&gt;.png\">img/&lt;b&gt;.png</span>")]
    [InlineData("![<script>x</script>](img/y.png)\n", ">&lt;script&gt;x&lt;/script&gt;</span>")]
    public void AMissingImageShowsItsEscapedAltTextOrElseItsPathRatherThanABlankGap(string markdown, string shown) =>
        AssertHolds(Renderer.ToHtml(markdown, Images), shown: [shown], absent: ["<img", "<script>", "<b>"]);

    [Fact]
    public void SiteAddressesAreLeftAsWrittenAndImagesOnOtherSitesAreLinks() =>
        AssertHolds(
            Renderer.ToHtml("![a](https://example.com/a.png) ![b](/api/runs/x/images/loss)\n", Images),
            shown: ["<a href=\"https://example.com/a.png\" class=\"remote-image\">a (example.com)</a>", "src=\"/api/runs/x/images/loss\""]);

    [Fact]
    public void ImagesOfAnAllowedHostLoadDirectlyAndOtherHostsStayLinks() =>
        AssertHolds(
            new MarkdownRenderer(MarkdownPipelineFactory.Create(["IMG.example.org"]))
                .ToHtml("![斑马](https://img.example.org/z.png) ![b](https://cdn.example.org/b.png)\n", Images),
            shown:
            [
                "<img src=\"https://img.example.org/z.png\" loading=\"lazy\" alt=\"斑马\" />",
                "<a href=\"https://cdn.example.org/b.png\" class=\"remote-image\">b (cdn.example.org)</a>",
            ]);

    [Theory]
    [InlineData("熵 ![](https://latex.codecogs.com/gif.latex?Ent(D)=-\\sum_{k=1}^{|y|}p_k) 越低", "\\(Ent(D)=-\\sum_{k=1}^{|y|}p_k\\)")]
    [InlineData("![](https://latex.codecogs.com/svg.image?\\dpi{120}\\bg_white%20a%2Bb)", "\\(a+b\\)")]
    [InlineData("单词 ![[公式]](https://www.zhihu.com/equation?tex=P%28W_t%7C+W_1%29) 的", "\\(P(W_t| W_1)\\)")]
    [InlineData("![x](https://chart.googleapis.com/chart?cht=tx&chl=x%5E2)", "\\(x^2\\)")]
    [InlineData("![x](https://render.githubusercontent.com/render/math?math=e%5E%7Bi%5Cpi%7D)", "\\(e^{i\\pi}\\)")]
    public void AFormulaServicesImageIsTheFormulaItDrawsNotALinkToTheService(string markdown, string formula) =>
        AssertHolds(Renderer.ToHtml(markdown + "\n", Images), shown: ["<span class=\"math\">" + formula + "</span>"], absent: ["remote-image", "<img"]);

    [Fact]
    public void AnImageOfAFormulaServiceWithoutTexOrOfAnotherPathStaysARemoteImage() =>
        AssertHolds(
            Renderer.ToHtml("![a](https://latex.codecogs.com/gif.latex?) ![b](https://latex.codecogs.com/logo.png) ![c](https://www.zhihu.com/people/x.png?tex=a)\n", Images),
            shown: ["a (latex.codecogs.com)", "b (latex.codecogs.com)", "c (www.zhihu.com)"],
            absent: ["class=\"math\""]);

    [Fact]
    public void AnImagesAltTextIsInThePlainTextTheSearchIndexIsBuiltFrom() =>
        AssertHolds(Markdown.ToPlainText("激活函数的图像：\n\n![Sigmoid 饱和曲线](img/sigmoid.png)\n", Pipeline), shown: ["Sigmoid 饱和曲线"]);

    [Fact]
    public void TheImagesADocumentNamesAreFoundWithTheirLines()
    {
        var references = ImageReferences.Find("# 标题\n\n![图一](./img/a.png)\n\n文字 ![](../img/b.png) ![外](https://x.org/c.png)\n", Pipeline);

        Assert.Equal([new ImageReference(3, "img/a.png", "图一"), new ImageReference(5, "../img/b.png", "")], references);
    }
}
