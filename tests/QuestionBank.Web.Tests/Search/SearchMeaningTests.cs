namespace QuestionBank.Web.Tests.Search;

/// <summary>Search through the glossary, with optional words, corrected typos, code identifiers, facets and suggestions, over the seeds.</summary>
public sealed class SearchMeaningTests(SeededApp app) : SharedAppTestBase(app)
{
    private async Task<JsonElement> SearchAsync(string query, string filters = "") =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&pageSize=50{filters}");

    private static List<string> Titles(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    private async Task<List<JsonElement>> SuggestionsAsync(string typed) =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/search/suggest?q=" + Uri.EscapeDataString(typed))).EnumerateArray().ToList();

    /// <summary>Asserts the first title holds the expected words and returns every title.</summary>
    private static List<string> AssertFirstTitleHolds(JsonElement result, string expected)
    {
        var titles = Titles(result);

        Assert.Contains(expected, titles[0], StringComparison.OrdinalIgnoreCase);
        return titles;
    }

    private async Task<List<string>> AssertFirstTitleHoldsAsync(string query, string expected) =>
        AssertFirstTitleHolds(await SearchAsync(query), expected);

    [Theory]
    [InlineData("overfitting", "过拟合")]
    [InlineData("transfer learning", "迁移学习")]
    [InlineData("reinforcement learning", "强化学习")]
    [InlineData("knowledge distillation", "知识蒸馏")]
    [InlineData("generative adversarial network", "GAN")]
    [InlineData("变换器", "Transformer")]
    public async Task AGlossaryTermFindsQuestionsWrittenWithItsOtherForms(string query, string expected) =>
        await AssertFirstTitleHoldsAsync(query, expected);

    [Theory]
    [InlineData("怎么防止模型过拟合", "过拟合")]
    [InlineData("模型过拟合", "过拟合")]
    [InlineData("how do I deploy a trained model to production", "部署")]
    [InlineData("how to speed up inference of a large model", "推理")]
    public async Task NoQueryNeedsEveryWordAndQuestionWordsAreIgnored(string query, string expected) =>
        await AssertFirstTitleHoldsAsync(query, expected);

    [Fact]
    public async Task QuestionsMatchingMoreOfTheQueryRankHigher()
    {
        var titles = await AssertFirstTitleHoldsAsync("大模型 迁移学习 应用", "迁移学习应用");

        Assert.Contains(titles, t => t.Contains("迁移学习？", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATypoIsCorrectedAndTheCorrectionIsReported()
    {
        var result = await SearchAsync("过拟和");

        Assert.Equal("过拟合", result.GetProperty("corrected").GetString());
        AssertFirstTitleHolds(result, "过拟合");
    }

    [Fact]
    public async Task TheSearchPageOffersToSearchForWhatWasTypedInstead()
    {
        var html = await Client.SearchPageAsync("tranformer");
        var exact = await Client.SearchPageAsync("tranformer", "&exact=true");

        Assert.Contains("Showing results for", html);
        Assert.Contains("<strong>transformer</strong>", html);
        Assert.Contains(HtmlMarkup.Tags(html), tag => tag.Name == "a" && tag.Attributes.GetValueOrDefault("href") == "/search?q=tranformer&exact=true");
        Assert.DoesNotContain("Showing results for", exact);
        Assert.Contains("0 results", exact);
    }

    [Fact]
    public async Task TheCorrectionMessageShowsTheVisitorsTextAsInertText()
    {
        const string hostile = "<img src=x onerror=alert(1)>过拟和";

        var html = await Client.SearchPageAsync(hostile);

        Assert.Contains("Showing results for", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Empty(HtmlMarkup.EventHandlerAttributes(html));
    }

    [Fact]
    public async Task ADottedIdentifierMatchedWholeRanksAboveItsPartsAlone()
    {
        var first = await Client.FirstSlugAsync("model.fit");
        var question = await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{first}");

        Assert.Contains(question.GetProperty("codeBlocks").EnumerateArray(), c => c.GetProperty("code").GetString()!.Contains("model.fit(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutOfMemoryFindsTheQuestionOnMemoryOverflowRatherThanAMemorySizeVariable()
    {
        var titles = await AssertFirstTitleHoldsAsync("out of memory", "内存溢出");

        Assert.DoesNotContain(titles, t => t.Contains("强化学习的智能体", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FacetsCountEveryResultByDocumentKindAndExercise()
    {
        var result = await SearchAsync("图像分类");
        var total = result.GetProperty("total").GetInt32();
        var facets = result.GetProperty("facets").EnumerateArray()
            .Select(f => (Facet: f.GetProperty("facet").GetString()!, Value: f.GetProperty("value").GetString()!, Count: f.GetProperty("count").GetInt32()))
            .ToList();

        foreach (var facet in new[] { "document", "kind", "exercise" })
        {
            Assert.Equal(total, facets.Where(f => f.Facet == facet).Sum(f => f.Count));
        }

        var coding = facets.Single(f => f.Facet == "kind" && f.Value == "Coding").Count;
        var runnable = facets.Single(f => f.Facet == "exercise" && f.Value == "true").Count;
        Assert.Equal(coding, (await SearchAsync("图像分类", "&kind=Coding")).GetProperty("total").GetInt32());
        Assert.Equal(runnable, (await SearchAsync("图像分类", "&exercise=true")).GetProperty("total").GetInt32());
        Assert.InRange(runnable, 1, coding);
    }

    [Fact]
    public async Task TheSearchPageLinksFacetValuesThatFilterTheResults()
    {
        var html = await Client.SearchPageAsync("图像分类");
        var filtered = await Client.SearchPageAsync("图像分类", "&kind=Coding");

        Assert.Contains(HtmlMarkup.Tags(html), tag => tag.Name == "a" && tag.Attributes.GetValueOrDefault("href") == "/search?q=图像分类&kind=Coding".Replace("图像分类", Uri.EscapeDataString("图像分类"), StringComparison.Ordinal));
        Assert.Contains(">Clear filters<", filtered);
        Assert.DoesNotContain("badge-concept", filtered);
    }

    [Fact]
    public async Task SuggestionsOfferGlossaryTermsAndQuestionTitles()
    {
        var suggestions = await SuggestionsAsync("过拟");

        Assert.Contains(suggestions, s => s.GetProperty("kind").GetString() == "term" && s.GetProperty("target").GetString() == "过拟合");
        Assert.Contains(suggestions, s => s.GetProperty("kind").GetString() == "question" && s.GetProperty("text").GetString()!.Contains("过拟合", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuggestionsMatchTheWordBeingTyped()
    {
        var suggestions = await SuggestionsAsync("transf");

        Assert.Contains(suggestions, s => s.GetProperty("text").GetString()!.Contains("Transformer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SuggestionsNeedAQuery() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/search/suggest?q=")).StatusCode);

    [Fact]
    public async Task AQuestionPageShowsItsGlossaryTermsAsChipsLinkingToSearch()
    {
        var slug = await Client.FirstSlugAsync("如何处理大规模模型的过拟合问题");

        var html = await Client.GetStringAsync($"/questions/{slug}");

        var chips = HtmlMarkup.Tags(html).Where(tag => tag.Name == "a" && tag.Attributes.GetValueOrDefault("class") == "chip").ToList();
        Assert.Contains(chips, chip => chip.Attributes["href"] == "/search?q=" + Uri.EscapeDataString("过拟合"));
        Assert.Contains("过拟合 overfitting", html);
    }
}
