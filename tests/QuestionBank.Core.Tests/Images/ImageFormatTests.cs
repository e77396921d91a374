using System.Text;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;

namespace QuestionBank.Core.Tests.Images;

public class ImageFormatTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8];
    private static readonly byte[] Webp = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8];
    private static readonly byte[] Bmp = [.. "BM"u8, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x18, 0];

    public static TheoryData<string, byte[], string, bool> RealImages => new()
    {
        { "a.png", Png, "image/png", false },
        { "b.GIF", Gif, "image/gif", false },
        { "c.jpeg", Jpeg, "image/jpeg", false },
        { "d.jpg", Jpeg, "image/jpeg", false },
        { "e.webp", Webp, "image/webp", false },
        { "g.bmp", Bmp, "image/bmp", false },
        { "f.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>"), "image/svg+xml", false },
        { "png-named.jpg", Png, "image/png", true },
        { "gif-named.png", Gif, "image/gif", true },
        { "jpeg-named.webp", Jpeg, "image/jpeg", true },
        { "bmp-named.png", Bmp, "image/bmp", true },
        { "png-named.svg", Png, "image/png", true },
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public void AnImageIsTakenAsWhatItsBytesAreAndANameThatLiesIsSaidToLie(string name, byte[] content, string contentType, bool mislabelled)
    {
        var format = ImageFormat.Check(name, content);

        Assert.Equal((contentType, mislabelled), (format.Format.ContentType, format.Mislabelled));
    }

    public static TheoryData<string, byte[]> FakeImages => new()
    {
        { "fake.png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>") },
        { "svg-named.png", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>") },
        { "pdf.bmp", Encoding.UTF8.GetBytes("%PDF-1.4\n") },
        { "text.gif", Encoding.UTF8.GetBytes("GIF") },
        { "riff.webp", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8] },
        { "html.svg", Encoding.UTF8.GetBytes("<html><body onload=\"alert(1)\"/></html>") },
        { "broken.svg", Encoding.UTF8.GetBytes("<svg><g></svg>") },
        { "entity.svg", Encoding.UTF8.GetBytes("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg>&x;</svg>") },
        { "empty.png", [] },
    };

    [Theory]
    [MemberData(nameof(FakeImages))]
    public void AFileThatIsNotTheImageItsExtensionClaimsIsRefusedWithItsName(string name, byte[] content)
    {
        var error = Assert.Throws<DocumentParseException>(() => ImageFormat.Check(name, content));

        Assert.Equal(name, error.SourceName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageOverFiveMegabytesIsRefusedWithItsName()
    {
        var huge = new byte[ImageFormat.MaxBytes + 1];
        Png.CopyTo(huge, 0);

        var error = Assert.Throws<DocumentParseException>(() => ImageFormat.Check("huge.png", huge));

        Assert.Contains("huge.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("5 MB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("img/x.png", "img/x.png")]
    [InlineData("./img/x.png", "img/x.png")]
    [InlineData("img/ch3/../x.png", "img/x.png")]
    [InlineData("../img/x.png", "../img/x.png")]
    [InlineData(@"img\x.png", "img/x.png")]
    [InlineData("img/my%20figure.png", "img/my figure.png")]
    [InlineData("img/x.png?v=2#top", "img/x.png")]
    [InlineData("https://example.com/x.png", null)]
    [InlineData("/images/x.png", null)]
    [InlineData("//cdn.example.com/x.png", null)]
    [InlineData("#part-1", null)]
    [InlineData("data:image/png;base64,AAAA", null)]
    public void RelativeImageAddressesNormalizeToOnePathAndOthersAreNotFiles(string address, string? path)
    {
        Assert.Equal(path, ImagePaths.Normalize(address));
    }

    [Theory]
    [InlineData("ch3.md", "img/x.png", "img/x.png")]
    [InlineData("ch3/ch3.md", "img/x.png", "ch3/img/x.png")]
    [InlineData("book/ch3/ch3.md", "../img/x.png", "book/img/x.png")]
    [InlineData("ch3.md", "../img/x.png", "../img/x.png")]
    public void AnImagePathIsFoundFromTheDocumentsFolder(string document, string image, string inUpload)
    {
        Assert.Equal(inUpload, ImagePaths.Combine(document, image));
    }
}
