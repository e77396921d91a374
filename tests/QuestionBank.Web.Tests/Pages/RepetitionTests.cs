using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>The seed documents repeat themselves (sections titled like their document, questions copied across sections); the pages do not.</summary>
public sealed partial class RepetitionTests(SeededApp app) : SharedAppTestBase(app)
{
    private const string Slug = "000-d93d5146cb591d21-1-7";

    [Fact]
    public async Task SimilarQuestionsLeaveOutTheQuestionsOwnCopiesAndNameEachTitleOnce()
    {
        var title = (await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{Slug}")).GetProperty("title").GetString()!;

        var html = await Client.GetStringAsync($"/questions/{Slug}");
        var similar = html[html.IndexOf("id=\"similar-heading\"", StringComparison.Ordinal)..];
        var titles = SimilarLink().Matches(similar).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.NotEmpty(titles);
        Assert.DoesNotContain(title, titles);
        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    [Fact]
    public async Task ASectionTitledLikeItsDocumentIsNotNamedTwice()
    {
        var question = await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{Slug}");
        var document = question.GetProperty("documentTitle").GetString()!;
        Assert.Equal(document, question.GetProperty("section").GetString());
        var encoded = WebUtility.HtmlEncode(document);

        var page = await Client.GetStringAsync($"/questions/{Slug}");
        var home = await Client.GetStringAsync("/");

        var breadcrumbs = page[page.IndexOf("class=\"breadcrumbs\"", StringComparison.Ordinal)..];
        breadcrumbs = breadcrumbs[..breadcrumbs.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(breadcrumbs, Regex.Escape(encoded)));
        Assert.DoesNotContain("›", breadcrumbs);
        var card = home[home.IndexOf($"document={question.GetProperty("document").GetString()}\">", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(card, Regex.Escape(encoded)));
        Assert.Contains(">Part 1</a>", card);
    }

    [GeneratedRegex("<li><a href=\"/questions/[^\"]+\">([^<]+)</a></li>")]
    private static partial Regex SimilarLink();
}
