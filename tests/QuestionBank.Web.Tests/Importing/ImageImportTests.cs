using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Importing;
using static QuestionBank.Web.Tests.Infrastructure.TestImages;

namespace QuestionBank.Web.Tests.Importing;

/// <summary>Documents imported through the admin API with their images: stored, served, reported when missing, refused when hostile.</summary>
public sealed partial class ImageImportTests : AppPerTestBase
{
    private const string Chapter = """
        # 《图像导入测试》

        ## 1. 什么是斑马感知机？

        **答案：** 见下图。

        ![斑马感知机结构图](img/ch3/3-1.png)

        ## 2. 什么是斑马池化？

        **答案：** 取窗口中的最大值。

        ![斑马池化示意图](./img/ch3/3-2.gif)
        """;

    private HttpClient Admin { get; set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.SignInAsync();
    }

    private async Task<JsonElement> ImportAsync(bool dryRun, params (string, byte[])[] files)
    {
        var response = await Admin.PostImportAsync(dryRun, files);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<string> QuestionHtmlAsync(string title) => App.WithScopeAsync(async sp =>
    {
        var slug = await sp.GetRequiredService<QuestionBankDbContext>().Questions.Where(q => q.Title == title).Select(q => q.Slug).SingleAsync();
        return await Client.GetStringAsync($"/questions/{slug}");
    });

    private Task<int> StoredImagesAsync() => App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Images.CountAsync());

    private static List<string> ImageSources(string html) => ImgSrc().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task TheReviewPageShowsADocumentsFiguresAsItsQuestionPageDoes()
    {
        var zip = Zip(("chapter3/ch3.md", Utf8(Chapter)), ("chapter3/img/ch3/3-1.png", Png), ("chapter3/img/ch3/3-2.gif", Gif));
        var document = (await ImportAsync(false, ("chapter3.zip", zip))).GetProperty("documents")[0].GetProperty("slug").GetString();
        var learner = await App.SignUpNewLearnerAsync();
        Assert.Equal(HttpStatusCode.OK, (await learner.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { newCardDocuments = new[] { document } })).StatusCode);

        var review = await learner.GetStringAsync("/review");

        Assert.Contains("斑马感知机", review, StringComparison.Ordinal);
        Assert.Equal(ImageSources(await QuestionHtmlAsync("什么是斑马感知机？")), ImageSources(review));
        Assert.Matches("^/images/[0-9a-f]{64}\\.png$", Assert.Single(ImageSources(review)));
    }

    [Fact]
    public async Task AZipOfAChapterWithItsImgFolderImportsAndEveryFigureIsServedWithItsTypeAndImmutableCaching()
    {
        var zip = Zip(("chapter3/ch3.md", Utf8(Chapter)), ("chapter3/img/ch3/3-1.png", Png), ("chapter3/img/ch3/3-2.gif", Gif), ("chapter3/notes.txt", Utf8("skipped")));

        var result = await ImportAsync(false, ("chapter3.zip", zip));

        var document = result.GetProperty("documents")[0];
        Assert.Equal(2, document.GetProperty("added").GetInt32());
        Assert.Empty(document.GetProperty("warnings").EnumerateArray());
        var first = await QuestionHtmlAsync("什么是斑马感知机？");
        var second = await QuestionHtmlAsync("什么是斑马池化？");
        Assert.Contains("loading=\"lazy\" alt=\"斑马感知机结构图\"", first, StringComparison.Ordinal);
        var png = Assert.Single(ImageSources(first));
        var gif = Assert.Single(ImageSources(second));
        Assert.Matches("^/images/[0-9a-f]{64}\\.png$", png);
        Assert.Matches("^/images/[0-9a-f]{64}\\.gif$", gif);

        foreach (var (url, type, bytes) in new[] { (png, "image/png", Png), (gif, "image/gif", Gif) })
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl!.Public);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        }

        // The figure's alt text is searchable.
        var search = await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString("斑马池化示意图")}");
        Assert.Contains(search.GetProperty("items").EnumerateArray(), item => item.GetProperty("title").GetString() == "什么是斑马池化？");
    }

    [Fact]
    public async Task SeveralFilesUploadedTogetherFindTheirImagesByFileName()
    {
        await ImportAsync(false, ("ch3.md", Utf8(Chapter)), ("3-1.png", Png), ("3-2.gif", Gif));

        Assert.Single(ImageSources(await QuestionHtmlAsync("什么是斑马感知机？")));
        Assert.Single(ImageSources(await QuestionHtmlAsync("什么是斑马池化？")));
        Assert.Equal(2, await StoredImagesAsync());
    }

    [Fact]
    public async Task AMissingImageIsAPreviewWarningWithItsLineAndShowsAsItsAltTextOnThePage()
    {
        var preview = await ImportAsync(true, ("ch3.md", Utf8(Chapter)), ("3-1.png", Png));

        var warning = Assert.Single(preview.GetProperty("documents")[0].GetProperty("warnings").EnumerateArray());
        Assert.Equal(13, warning.GetProperty("line").GetInt32());
        Assert.Contains("img/ch3/3-2.gif", warning.GetProperty("message").GetString(), StringComparison.Ordinal);

        await ImportAsync(false, ("ch3.md", Utf8(Chapter)), ("3-1.png", Png));
        var html = await QuestionHtmlAsync("什么是斑马池化？");
        Assert.Empty(ImageSources(html));
        Assert.Contains("<span class=\"missing-image\" title=\"Missing image: img/ch3/3-2.gif\">斑马池化示意图</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImagePathLongerThanAnyStoredPathIsAWarningAndTheDocumentStillImports()
    {
        var path = new string('a', 1000) + "/3-1.png";

        var import = await ImportAsync(false, ("long.md", Utf8($"# 《长路径》\n\n## 1. 什么是斑马长路径？\n\n![图]({path})\n")), ("3-1.png", Png));

        var document = import.GetProperty("documents")[0];
        Assert.Equal("added", document.GetProperty("status").GetString());
        Assert.Contains("longer than 1000 characters", Assert.Single(document.GetProperty("warnings").EnumerateArray()).GetProperty("message").GetString());
        Assert.Empty(ImageSources(await QuestionHtmlAsync("什么是斑马长路径？")));
    }

    public static TheoryData<string, Func<(string, byte[])[]>, string> HostileUploads => new()
    {
        { "zip-slip", () => [("slip.zip", Zip(("ch3.md", Utf8(Chapter)), ("../../etc/evil.png", Png)))], "../../etc/evil.png" },
        { "absolute path", () => [("abs.zip", Zip(("ch3.md", Utf8(Chapter)), ("/tmp/evil.png", Png)))], "/tmp/evil.png" },
        { "zip bomb", () => [("bomb.zip", Zip([.. Enumerable.Range(0, 21).Select(i => ($"bomb{i}.md", new byte[5 * 1024 * 1024]))]))], "bomb.zip" },
        { "too many entries", () => [("many.zip", Zip([.. Enumerable.Range(0, ArchiveLimits.Default.MaxEntries + 1).Select(i => ($"n{i}.txt", new byte[1]))]))], "many.zip" },
        { "fake png", () => [("ch3.md", Utf8(Chapter)), ("3-1.png", Utf8("<script>alert(1)</script>"))], "3-1.png" },
        { "oversize png", () => [("ch3.md", Utf8(Chapter)), ("3-1.png", [.. Png, .. new byte[5 * 1024 * 1024]])], "3-1.png" },
        { "fake png in a zip", () => [("fake.zip", Zip(("ch3.md", Utf8(Chapter)), ("img/ch3/3-1.png", Utf8("%PDF-1.4"))))], "img/ch3/3-1.png" },
    };

    [Theory]
    [MemberData(nameof(HostileUploads))]
    public async Task AHostileUploadIsRefusedWithItsFileNameAndTheBankIsUnchanged(string kind, Func<(string, byte[])[]> upload, string named)
    {
        var before = await App.SnapshotAsync();

        var response = await Admin.PostImportAsync(false, upload());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.True(detail.Contains(named, StringComparison.Ordinal), $"The {kind} refusal does not name {named}: {detail}");
        Assert.Equal(before, await App.SnapshotAsync());
        Assert.Equal(0, await StoredImagesAsync());
    }

    [Fact]
    public async Task AZipImportsAsAFolderDoesALyingImageStoredAsWhatItIsAnUnreferencedFileIgnoredAReadmeSkipped()
    {
        var zip = Zip(("ch3.md", Utf8(Chapter)), ("img/ch3/3-1.png", Jpeg), ("img/ch3/3-2.gif", Gif), ("img/ch3/draft.bmp", Utf8("not an image")), ("readme.md", Utf8("# 斑马\n\n贡献者名单。\n")));

        var import = await ImportAsync(false, ("lying.zip", zip));

        Assert.Equal("readme.md", Assert.Single(import.GetProperty("skipped").EnumerateArray()).GetProperty("fileName").GetString());
        var document = Assert.Single(import.GetProperty("documents").EnumerateArray());

        var warning = Assert.Single(document.GetProperty("warnings").EnumerateArray());
        Assert.Equal(7, warning.GetProperty("line").GetInt32());
        Assert.Contains("img/ch3/3-1.png” is a jpg file", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        var url = Assert.Single(ImageSources(await QuestionHtmlAsync("什么是斑马感知机？")));
        Assert.Matches("^/images/[0-9a-f]{64}\\.jpg$", url);
        Assert.Equal("image/jpeg", (await Client.GetAsync(url)).Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, await StoredImagesAsync());
    }

    [Fact]
    public async Task AnImageOnTheAuthorsDiskIsAWarningWithItsLineAndARemoteImageIsALinkToIt()
    {
        const string markdown = "# 《远程图》\n\n## 1. 什么是斑马远程图？\n\n![本机图](F:/book/img/x.png)\n\n![远程图](https://example.com/zebra.png)\n";

        var document = (await ImportAsync(false, ("remote.md", Utf8(markdown)))).GetProperty("documents")[0];

        var warning = Assert.Single(document.GetProperty("warnings").EnumerateArray());
        Assert.Equal(5, warning.GetProperty("line").GetInt32());
        Assert.Contains("F:/book/img/x.png", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        var html = await QuestionHtmlAsync("什么是斑马远程图？");
        Assert.Empty(ImageSources(html));
        Assert.Contains(">本机图</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/zebra.png\" class=\"remote-image\">远程图 (example.com)</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnSvgWithScriptIsServedSandboxedSoItCannotRun()
    {
        const string svg = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>""";
        await ImportAsync(false, ("svg.md", Utf8("# 《矢量图》\n\n## 1. 什么是斑马矢量图？\n\n**答案：** ![矢量](img/v.svg)\n")), ("img/v.svg", Utf8(svg)));

        var url = Assert.Single(ImageSources(await QuestionHtmlAsync("什么是斑马矢量图？")));
        var response = await Client.GetAsync(url);

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task RollingBackAnImportRemovesItsImagesButKeepsAnImageAnotherImportShows()
    {
        var shared = ("shared.png", Png);
        var first = await ImportAsync(false, ("a.md", Utf8("# 《甲》\n\n## 1. 斑马甲问题？\n\n**答案：** ![甲](shared.png)\n")), shared);
        var second = await ImportAsync(false, ("b.md", Utf8("# 《乙》\n\n## 1. 斑马乙问题？\n\n**答案：** ![乙](shared.png) ![丙](only.gif)\n")), shared, ("only.gif", Gif));
        var sources = ImageSources(await QuestionHtmlAsync("斑马乙问题？"));
        Assert.Equal(2, sources.Count);
        Assert.Equal(2, await StoredImagesAsync());

        var rollback = await Admin.PostAsync($"/api/admin/imports/{second.GetProperty("importId").GetInt64()}/rollback", null);
        Assert.Equal(HttpStatusCode.NoContent, rollback.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(sources.Single(s => s.EndsWith(".png", StringComparison.Ordinal)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(sources.Single(s => s.EndsWith(".gif", StringComparison.Ordinal)))).StatusCode);
        Assert.Equal(1, await StoredImagesAsync());

        await Admin.PostAsync($"/api/admin/imports/{first.GetProperty("importId").GetInt64()}/rollback", null);
        Assert.Equal(0, await StoredImagesAsync());
    }

    [Fact]
    public async Task RollingBackAnUpdateShowsThePreviousImagesAgain()
    {
        const string markdown = "# 《更新》\n\n## 1. 斑马更新问题？\n\n**答案：** ![图](fig.png)\n";
        await ImportAsync(false, ("u.md", Utf8(markdown)), ("fig.png", Png));
        var before = Assert.Single(ImageSources(await QuestionHtmlAsync("斑马更新问题？")));

        var update = await ImportAsync(false, ("u.md", Utf8(markdown)), ("fig.png", [.. Png, 0]));
        Assert.Equal("updated", update.GetProperty("documents")[0].GetProperty("status").GetString());
        Assert.NotEqual(before, Assert.Single(ImageSources(await QuestionHtmlAsync("斑马更新问题？"))));

        await Admin.PostAsync($"/api/admin/imports/{update.GetProperty("importId").GetInt64()}/rollback", null);
        Assert.Equal(before, Assert.Single(ImageSources(await QuestionHtmlAsync("斑马更新问题？"))));
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImgSrc();
}
