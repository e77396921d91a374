using System.Text;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>
/// A formula in a heading is a formula wherever its title shows: math elements for KaTeX on pages and
/// in the Anki deck, text and formula parts in the suggestions; and similar questions whose title other
/// documents share name their document.
/// </summary>
public sealed class TitleFormulaTests(SeededApp app) : SharedAppTestBase(app)
{
    private const string Formula = "<span class=\"math\">\\(1/\\sqrt n\\)</span>";

    private static readonly ImportFile Zebra = new("titles/zebra.md", Encoding.UTF8.GetBytes("""
        # 斑马公式

        ## 1 $\sigma$ 与斑马方差

        ### 1.1 用 $ 1/\sqrt n $ 校准斑马方差

        斑马答案。

        ### 1.2 参考文献

        斑马之书。

        ### 1.3 斑马参考文献有哪些？

        斑马综述。
        """));

    private static readonly ImportFile Stripe = new("titles/stripe.md", Encoding.UTF8.GetBytes("""
        # 条纹手册

        ## 1 条纹

        ### 1.1 条纹宽度是多少？

        条纹答案。

        ### 1.2 参考文献

        条纹之书。
        """));

    [Fact]
    public async Task AFormulaInATitleIsAMathElementOnTheQuestionPageInListsInSearchAndOnTheDocumentPage()
    {
        var slug = await SlugAsync("titles-zebra", "校准斑马方差");

        string[] pages =
        [
            await Client.GetStringAsync($"/questions/{slug}"),
            await Client.GetStringAsync("/questions?document=titles-zebra"),
            await Client.GetStringAsync("/documents/titles-zebra"),
            await Client.GetStringAsync($"/search?q={Uri.EscapeDataString("校准斑马方差")}"),
        ];
        var home = await Client.GetStringAsync("/");

        Assert.All(pages, page => Assert.Contains(Formula, page));
        Assert.All(pages, page => Assert.DoesNotContain("$ 1/\\sqrt n $", page));
        Assert.Contains("<span class=\"math\">\\(\\sigma\\)</span> 与斑马方差", home);
        Assert.Contains("math.js", home);
    }

    [Fact]
    public async Task ASuggestionGivesItsTitleAsTextAndFormulaParts()
    {
        await SlugAsync("titles-zebra", "校准斑马方差");

        var suggestions = await Client.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={Uri.EscapeDataString("校准斑马")}");

        var parts = suggestions.EnumerateArray().Single(s => s.GetProperty("text").GetString()!.Contains("校准斑马方差", StringComparison.Ordinal))
            .GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("text").GetString(), p.GetProperty("isFormula").GetBoolean())).ToList();
        Assert.Equal([("用 ", false), ("1/\\sqrt n", true), (" 校准斑马方差", false)], parts);
    }

    [Fact]
    public async Task SimilarQuestionsNameTheirDocumentWhenAnotherDocumentHasTheSameTitle()
    {
        await SlugAsync("titles-stripe", "参考文献");
        var slug = await SlugAsync("titles-zebra", "斑马参考文献");

        var page = await Client.GetStringAsync($"/questions/{slug}");

        var similar = page[page.IndexOf("id=\"similar-heading\"", StringComparison.Ordinal)..];
        Assert.Matches(@">参考文献</a> <span class=""muted"">\((斑马公式|条纹手册)\)</span>", similar);
    }

    [Fact]
    public async Task TheAnkiDeckWritesATitlesFormulaForAnkisMathJax()
    {
        await SlugAsync("titles-zebra", "校准斑马方差");
        var learner = await App.SignUpNewLearnerAsync();

        var response = await learner.GetAsync("/api/me/export.apkg?document=titles-zebra");

        var cards = await AnkiPackage.ReadAsync(await response.Content.ReadAsStreamAsync());
        Assert.Contains(cards, card => card.Front.StartsWith($"用 {Formula} 校准斑马方差", StringComparison.Ordinal));
    }

    /// <summary>Imports the two documents (again: an unchanged import changes nothing) and returns the slug of the question whose title holds the given text.</summary>
    private async Task<string> SlugAsync(string document, string titlePart)
    {
        await App.ImportAsync(Zebra, Stripe);
        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/questions?document={document}");
        return list.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("title").GetString()!.Contains(titlePart, StringComparison.Ordinal)).GetProperty("slug").GetString()!;
    }
}
