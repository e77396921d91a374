using System.Text;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Queries;

namespace QuestionBank.Web.Tests.Search;

/// <summary>The document facet of a query that matches more documents than a result lists.</summary>
public sealed class DocumentFacetTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task TheDocumentFacetListsTheDocumentsWithTheMostMatchesWhileTheTotalCountsThemAll()
    {
        // Document n holds n questions on a made-up word, so the facet's order is known.
        const int documents = SearchQueries.DocumentFacetLimit + 5;
        var files = Enumerable.Range(1, documents).Select(n =>
        {
            var markdown = new StringBuilder($"# 《齿轮箱文档 {n}》\n\n");
            for (var q = 1; q <= n; q++)
            {
                markdown.Append($"## {q}. 齿轮箱 gearboxfacet 问题 {q}\n\n**答案：** gearboxfacet 的答案 {q}。\n\n");
            }
            return new ImportFile($"facet-{n:D2}.md", Encoding.UTF8.GetBytes(markdown.ToString()));
        }).ToArray();
        await App.ImportAsync(files);

        var result = await Client.GetFromJsonAsync<JsonElement>("/api/search?q=gearboxfacet&pageSize=5");

        var facets = result.GetProperty("facets").EnumerateArray()
            .Select(f => (Facet: f.GetProperty("facet").GetString()!, Value: f.GetProperty("value").GetString()!, Count: f.GetProperty("count").GetInt32()))
            .ToList();
        var listed = facets.Where(f => f.Facet == "document").ToList();
        Assert.Equal(documents * (documents + 1) / 2, result.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Range(documents - SearchQueries.DocumentFacetLimit + 1, SearchQueries.DocumentFacetLimit).Reverse(), listed.Select(f => f.Count));
        Assert.Equal("facet-25", listed[0].Value);
        Assert.Equal(result.GetProperty("total").GetInt32(), facets.Where(f => f.Facet == "kind").Sum(f => f.Count));
    }
}
