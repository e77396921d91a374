namespace QuestionBank.Web.Tests.Apis;

public sealed class QuestionsApiTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task StartUpImportsAllEightyFiveSeedQuestions()
    {
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/questions?pageSize=100");

        Assert.Equal(85, page.GetProperty("total").GetInt32());
        Assert.Equal(85, page.GetProperty("items").GetArrayLength());
        var slugs = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
    }

    [Fact]
    public async Task ListingPagesAndFiltersByDocumentSectionAndKind()
    {
        var firstPage = await Client.GetFromJsonAsync<JsonElement>("/api/questions?page=1&pageSize=10");
        var secondPage = await Client.GetFromJsonAsync<JsonElement>("/api/questions?page=2&pageSize=10");
        var byDocument = await Client.GetFromJsonAsync<JsonElement>("/api/questions?document=000-d93d5146cb591d21&pageSize=100");
        var bySection = await Client.GetFromJsonAsync<JsonElement>("/api/questions?document=000-d93d5146cb591d21&section=2");
        var coding = await Client.GetFromJsonAsync<JsonElement>("/api/questions?kind=coding&pageSize=100");

        Assert.Equal(10, firstPage.GetProperty("items").GetArrayLength());
        Assert.NotEqual(
            firstPage.GetProperty("items")[0].GetProperty("slug").GetString(),
            secondPage.GetProperty("items")[0].GetProperty("slug").GetString());
        Assert.Equal(30, byDocument.GetProperty("total").GetInt32());
        Assert.All(byDocument.GetProperty("items").EnumerateArray(), i => Assert.Equal("000-d93d5146cb591d21", i.GetProperty("document").GetString()));
        Assert.Equal(6, bySection.GetProperty("total").GetInt32());
        Assert.All(bySection.GetProperty("items").EnumerateArray(), i => Assert.Equal("coding", i.GetProperty("kind").GetString()));
        Assert.InRange(coding.GetProperty("total").GetInt32(), 10, 84);
        Assert.All(coding.GetProperty("items").EnumerateArray(), i => Assert.Equal("coding", i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task QuestionCarriesRenderedHtmlPartsAndCodeBlocks()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/questions?document=000-d93d5146cb591d21&section=2&pageSize=1");
        var slug = list.GetProperty("items")[0].GetProperty("slug").GetString();

        var question = await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{slug}");

        Assert.Equal(slug, question.GetProperty("slug").GetString());
        Assert.Contains("图像分类", question.GetProperty("title").GetString());
        Assert.Contains("tok-kw", question.GetProperty("html").GetString());
        Assert.NotEqual(0, question.GetProperty("parts").GetArrayLength());
        var code = question.GetProperty("codeBlocks")[0];
        Assert.Equal("python", code.GetProperty("language").GetString());
        Assert.Contains("import", code.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownSlugIsNotFoundProblemDetails()
    {
        var response = await Client.GetAsync("/api/questions/no-such-question");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/questions?page=0")]
    [InlineData("/api/questions?pageSize=0")]
    [InlineData("/api/questions?pageSize=1000")]
    [InlineData("/api/questions?page=abc")]
    [InlineData("/api/questions?kind=essay")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=%20%20")]
    [InlineData("/api/search?q=gan&page=-1")]
    [InlineData("/questions?page=0")]
    [InlineData("/questions?page=10001")]
    [InlineData("/search?q=gan&page=0")]
    [InlineData("/search?q=gan&page=10001")]
    public async Task BadParametersAreBadRequestsWithProblemDetailsFromTheApi(string url)
    {
        var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task EveryBadQueryParameterIsNamedAsTheClientSentIt()
    {
        var response = await Client.GetAsync("/api/questions?page=0&pageSize=1000&kind=essay");

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["kind", "page", "pageSize"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("kind must be 'concept' or 'coding'.", errors.GetProperty("kind")[0].GetString());
    }

    [Fact]
    public async Task HealthEndpointsReportLiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);
    }
}
