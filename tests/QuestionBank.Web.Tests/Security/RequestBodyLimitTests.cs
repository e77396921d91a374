using System.Text;

namespace QuestionBank.Web.Tests.Security;

/// <summary>Kestrel's body limit is 1 MB for every endpoint; only the two import endpoints take up to 64 MB.</summary>
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
}
