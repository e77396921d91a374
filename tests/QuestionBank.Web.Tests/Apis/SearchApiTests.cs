using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;

namespace QuestionBank.Web.Tests.Apis;

public sealed class SearchApiTests(SeededApp app) : SharedAppTestBase(app)
{
    private async Task<JsonElement> SearchAsync(string query, int pageSize = 20) =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&pageSize={pageSize}");

    private static List<string> Titles(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task OverfittingQuestionsComeFirstForGuoNiHe()
    {
        var result = await SearchAsync("过拟合");
        var titles = Titles(result);

        var titled = titles.TakeWhile(t => t.Contains("过拟合")).Count();
        Assert.True(titled >= 3, $"expected the 过拟合 questions first, got: {string.Join(" | ", titles)}");
        Assert.DoesNotContain(titles.Skip(titled), t => t.Contains("过拟合"));
        var scores = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("剪枝", "剪枝")]
    [InlineData("蒸馏", "蒸馏")]
    [InlineData("GAN", "GAN")]
    [InlineData("gan", "GAN")]
    [InlineData("LSTM", "LSTM")]
    [InlineData("Transformer", "Transformer")]
    public async Task QueryFindsItsQuestionsWithHighlightedSnippets(string query, string expected)
    {
        var result = await SearchAsync(query);

        Assert.True(result.GetProperty("total").GetInt32() > 0, $"no result for {query}");
        var first = result.GetProperty("items")[0];
        var text = first.GetProperty("title").GetString() + first.GetProperty("snippet").GetString();
        Assert.Contains(expected, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(result.GetProperty("items").EnumerateArray(), i => i.GetProperty("snippet").GetString()!.Contains("<mark>"));
    }

    [Fact]
    public async Task EnglishWordsAreStemmed()
    {
        var singular = await SearchAsync("model");
        var plural = await SearchAsync("models");

        Assert.True(singular.GetProperty("total").GetInt32() > 0);
        Assert.Equal(singular.GetProperty("total").GetInt32(), plural.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("量子纠缠")]
    [InlineData("zebracorn")]
    [InlineData("the")]
    [InlineData("'&|!():*")]
    public async Task QueryWithNoMatchReturnsAnEmptyList(string query)
    {
        var result = await SearchAsync(query);

        Assert.Equal(0, result.GetProperty("total").GetInt32());
        Assert.Equal(0, result.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task PagingVisitsEveryMatchOnceWithTitleMatchesFirstAcrossPages()
    {
        const string query = "过拟合";
        var all = await SearchAsync(query, pageSize: 100);
        var total = all.GetProperty("total").GetInt32();
        var titles = new List<string>();
        var slugs = new List<string>();
        for (var page = 1; page <= (total + 2) / 3 + 1; page++)
        {
            var result = await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&page={page}&pageSize=3");
            Assert.Equal(total, result.GetProperty("total").GetInt32());
            foreach (var item in result.GetProperty("items").EnumerateArray())
            {
                titles.Add(item.GetProperty("title").GetString()!);
                slugs.Add(item.GetProperty("slug").GetString()!);
            }
        }

        Assert.True(total > 3, "the query should span several pages");
        Assert.Equal(total, slugs.Distinct().Count());
        Assert.Equal(total, slugs.Count);
        var titled = titles.TakeWhile(t => t.Contains(query)).Count();
        Assert.InRange(titled, 1, total - 1);
        Assert.DoesNotContain(titles.Skip(titled), t => t.Contains(query));
        Assert.Equal(Titles(all), titles);
    }

    [Fact]
    public async Task TwoCharacterChineseQueryUsesTheSearchIndex()
    {
        await Client.GetAsync("/health/ready");
        var plan = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            await db.Database.OpenConnectionAsync();
            // The seed bank is small enough that the planner prefers a scan; forbid it to see whether the index can serve the query.
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
            return string.Join('\n', await db.Database
                .SqlQueryRaw<string>("EXPLAIN SELECT id FROM questions WHERE search_vector @@ to_tsquery('english', '''剪枝''')")
                .ToListAsync());
        });

        Assert.Contains("ix_questions_search_vector", plan);
    }
}
