using System.IO.Compression;
using System.Text;

namespace QuestionBank.Web.Tests.Security;

/// <summary>Kestrel's body limit is 1 MB for every endpoint; only the two import endpoints take more (ImportLimitsOptions: 256 MB).</summary>
public sealed class RequestBodyLimitTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    // A valid document of 4.5 MB: over the app's limit, under an import file's 5 MB.
    private static readonly byte[] LargeDocument = Encoding.UTF8.GetBytes(
        "# 《大文件》\n\n## 1. 大文件能导入吗？\n\n**答案：** " + new string('长', 1_500_000) + "\n");

    [Fact]
    public async Task ABodyOverAMegabyteIsRefusedWithPayloadTooLargeOutsideTheImports()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/runs", new { exercise = "lstm", source = new string('x', 2 * 1024 * 1024) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task TheImportApiTakesABodyOfSeveralMegabytes()
    {
        using var client = await app.CreateClient().SignInAsync();

        var response = await client.PostImportAsync(true, ("large.md", LargeDocument));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("大文件", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheImportPageTakesABodyOfSeveralMegabytes()
    {
        using var client = await app.CreateClient().SignInAsync();
        var token = await AdminSession.FormTokenAsync(client, "/admin/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(LargeDocument), "Uploads", "large.md" },
        };

        var response = await client.PostAsync("/admin/import?handler=Preview", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("大文件", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheImportApiTakesAZipOfARealSizedBankBeyondTheOldLimits()
    {
        // 110 MB of figures stored as they are (figures do not pack): over the 64 MB body and 100 MB unpacked once allowed.
        var figures = Enumerable.Range(0, 22).Select(i => ($"bank/ch{i % 3}/img/figure-{i}.png", new byte[5_000_000]));
        var document = Encoding.UTF8.GetBytes("# 《大仓库》\n\n## 1. 大仓库能导入吗？\n\n**答案：** 能。\n");
        var zip = TestImages.Zip(CompressionLevel.NoCompression, [("bank/ch0/README.md", document), .. figures]);
        using var client = await app.CreateClient().SignInAsync();

        var response = await client.PostImportAsync(true, ("bank.zip", zip));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("大仓库", await response.Content.ReadAsStringAsync());
    }
}
