using Markdig;
using QuestionBank.Core.Images;
using QuestionBank.Core.Rendering;

namespace QuestionBank.Core.Tests.Rendering;

public class ImageRenderingTests
{
    private static readonly MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();
    private static readonly MarkdownRenderer Renderer = new(Pipeline);

    private static readonly Dictionary<string, string> Images = new() { ["img/ch3/3-1.png"] = "/images/abc.png" };

    [Theory]
    [InlineData("img/ch3/3-1.png")]
    [InlineData("./img/ch3/3-1.png")]
    [InlineData("img/ch3/../ch3/3-1.png")]
    public void ARelativeImagePathIsRewrittenToItsStoredUrlAndLoadsLazily(string address)
    {
        var html = Renderer.ToHtml($"![感知机]({address})\n", Images);

        Assert.Contains("<img src=\"/images/abc.png\" loading=\"lazy\" alt=\"感知机\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceStyleImageIsRewrittenToo()
    {
        var html = Renderer.ToHtml("![感知机][f]\n\n[f]: ./img/ch3/3-1.png\n", Images);

        Assert.Contains("src=\"/images/abc.png\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingImageShowsItsAltTextRatherThanABlankGap()
    {
        var html = Renderer.ToHtml("前 ![池化层示意图](img/ch3/missing.png) 后\n", Images);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"missing-image\" title=\"Missing image: img/ch3/missing.png\">池化层示意图</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingImageWithoutAltTextShowsItsPathAndItsTextIsEscaped()
    {
        var html = Renderer.ToHtml("![](img/<b>.png) ![<script>x</script>](img/y.png)\n", Images);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains(">img/&lt;b&gt;.png</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagesOnOtherSitesAndSiteAddressesAreLeftAsWritten()
    {
        var html = Renderer.ToHtml("![a](https://example.com/a.png) ![b](/api/runs/x/images/loss)\n", Images);

        Assert.Contains("src=\"https://example.com/a.png\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/api/runs/x/images/loss\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImagesAltTextIsInThePlainTextTheSearchIndexIsBuiltFrom()
    {
        var text = Markdown.ToPlainText("激活函数的图像：\n\n![Sigmoid 饱和曲线](img/sigmoid.png)\n", Pipeline);

        Assert.Contains("Sigmoid 饱和曲线", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheImagesADocumentNamesAreFoundWithTheirLines()
    {
        var references = ImageReferences.Find("# 标题\n\n![图一](./img/a.png)\n\n文字 ![](../img/b.png) ![外](https://x.org/c.png)\n", Pipeline);

        Assert.Equal([new ImageReference(3, "img/a.png", "图一"), new ImageReference(5, "../img/b.png", "")], references);
    }
}
