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
    [InlineData("![感知机](img/ch3/3-1.png)\n")]
    [InlineData("![感知机](./img/ch3/3-1.png)\n")]
    [InlineData("![感知机](img/ch3/../ch3/3-1.png)\n")]
    [InlineData("![感知机][f]\n\n[f]: ./img/ch3/3-1.png\n")]
    public void ARelativeImagePathIsRewrittenToItsStoredUrlAndLoadsLazily(string markdown)
    {
        var html = Renderer.ToHtml(markdown, Images);

        Assert.Contains("<img src=\"/images/abc.png\" loading=\"lazy\" alt=\"感知机\" />", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("前 ![池化层示意图](img/ch3/missing.png) 后\n", "<span class=\"missing-image\" title=\"Missing image: img/ch3/missing.png\">池化层示意图</span>")]
    [InlineData("![](img/<b>.png)\n", "<span class=\"missing-image\" title=\"Missing image: img/&lt;b&gt;.png\">img/&lt;b&gt;.png</span>")]
    [InlineData("![<script>x</script>](img/y.png)\n", ">&lt;script&gt;x&lt;/script&gt;</span>")]
    public void AMissingImageShowsItsEscapedAltTextOrElseItsPathRatherThanABlankGap(string markdown, string shown)
    {
        var html = Renderer.ToHtml(markdown, Images);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains(shown, html, StringComparison.Ordinal);
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
