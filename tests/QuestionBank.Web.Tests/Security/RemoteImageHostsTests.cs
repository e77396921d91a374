using System.ComponentModel.DataAnnotations;
using System.Text;
using QuestionBank.Data.Importing;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Tests.Security;

/// <summary>A seeded app that lets images of one remote host load (QuestionBank:RemoteImages:Hosts).</summary>
public sealed class RemoteImageHostsApp() : SeededApp(new Dictionary<string, string?> { ["QuestionBank:RemoteImages:Hosts:0"] = "img.example.org" });

public sealed class RemoteImageHostsTests(RemoteImageHostsApp app) : SharedAppTestBase<RemoteImageHostsApp>(app)
{
    [Fact]
    public async Task AnAllowedHostsImageLoadsAndIsInThePolicyWhileAnotherHostsImageStaysALinkWithItsAltTextAndHost()
    {
        await App.ImportAsync(new ImportFile("remote-images.md", Encoding.UTF8.GetBytes("""
            # 远程图片

            ## 1. 斑马长什么样？

            ![斑马](https://img.example.org/zebra.png) 和 ![条纹](https://cdn.example.net/stripe.png)
            """)));
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/questions?document=remote-images");
        var slug = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString()!;

        using var response = await Client.GetAsync($"/questions/{slug}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("<img src=\"https://img.example.org/zebra.png\" loading=\"lazy\" alt=\"斑马\" />", page);
        Assert.Contains("<a href=\"https://cdn.example.net/stripe.png\" class=\"remote-image\">条纹 (cdn.example.net)</a>", page);
        Assert.DoesNotContain("<img src=\"https://cdn.example.net", page);
        var imgSrc = response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("img-src ", StringComparison.Ordinal));
        Assert.Equal("img-src 'self' data: img.example.org", imgSrc);
    }

    [Theory]
    [InlineData("img.example.org", true)]
    [InlineData("evil.org; script-src *", false)]
    [InlineData("https://img.example.org", false)]
    [InlineData("*.example.org", false)]
    public void OnlyPlainHostNamesAreAccepted(string host, bool valid)
    {
        var options = new RemoteImageOptions { Hosts = [host] };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
