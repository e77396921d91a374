using QuestionBank.Web.Apis;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>The seeded bank's pages, read only: the tests share one app.</summary>
public sealed class QuestionPagesTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task HomePageListsDocumentsSectionsAndCounts()
    {
        var html = await Client.GetStringAsync("/");

        string[] shown = ["85 questions in 5 documents", "AI 大模型应用最佳实践", "AI工程学：大模型应用开发实战", "/questions?document=000-d93d5146cb591d21&amp;section=2", "name=\"viewport\""];
        Assert.All(shown, text => Assert.Contains(text, html));
    }

    [Fact]
    public async Task QuestionListFiltersByKindAndPages()
    {
        var coding = await Client.GetStringAsync("/questions?kind=coding");
        var secondPage = await Client.GetStringAsync("/questions?page=2");

        Assert.Contains(">Coding<", coding);
        Assert.DoesNotContain("badge-concept", coding);
        Assert.Contains("85 questions", secondPage);
        Assert.Contains("rel=\"prev\"", secondPage);
    }

    [Fact]
    public async Task EveryQuestionPageShowsItsCodeHighlighted()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/questions?pageSize=100");
        var slugs = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();

        foreach (var slug in slugs)
        {
            var question = await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{slug}");
            var html = await Client.GetStringAsync($"/questions/{slug}");

            Assert.Contains(WebUtility.HtmlEncode(question.GetProperty("title").GetString()!), html);
            if (question.GetProperty("codeBlocks").GetArrayLength() > 0)
            {
                Assert.Contains("<pre class=\"code\"><code class=\"language-python\">", html);
                Assert.Contains("tok-", html);
            }
        }
    }

    [Fact]
    public async Task QuestionPageLinksPreviousNextAndSimilarQuestions()
    {
        var slug = await Client.FirstSlugAsync("如何处理大规模模型的过拟合问题");

        var html = await Client.GetStringAsync($"/questions/{slug}");

        Assert.Contains("rel=\"prev\"", html);
        Assert.Contains("rel=\"next\"", html);
        Assert.Contains("Similar questions", html);
        var similarSection = html[html.IndexOf("Similar questions", StringComparison.Ordinal)..];
        Assert.Contains("过拟合", similarSection);
    }

    [Fact]
    public async Task SearchPageShowsHighlightedSnippetsAndHandlesNoMatch()
    {
        var found = await Client.SearchPageAsync("剪枝");
        var none = await Client.SearchPageAsync("量子纠缠");
        var empty = await Client.GetAsync("/search");

        Assert.Contains("<mark>剪枝</mark>", found);
        Assert.Contains("No question matches", none);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task ASearchLongerThanTheLimitIsABadRequest()
    {
        var response = await Client.GetAsync("/search?q=" + new string('a', Paging.MaxQueryLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownQuestionPageIsNotFound()
    {
        var response = await Client.GetAsync("/questions/no-such-question");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
