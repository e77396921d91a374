using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Web.Tests.Infrastructure;

namespace QuestionBank.Web.Tests.Apis;

public sealed class SearchApiTests(PostgresFixture postgres) : AppTestBase(postgres)
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
    public async Task SearchPagesDoNotOverlap()
    {
        var first = await Client.GetFromJsonAsync<JsonElement>("/api/search?q=%E6%A8%A1%E5%9E%8B&page=1&pageSize=5");
        var second = await Client.GetFromJsonAsync<JsonElement>("/api/search?q=%E6%A8%A1%E5%9E%8B&page=2&pageSize=5");

        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        var firstSlugs = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString());
        var secondSlugs = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString());
        Assert.Empty(firstSlugs.Intersect(secondSlugs));
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
