using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Runs;
using QuestionBank.Web.Tests.Infrastructure;

namespace QuestionBank.Web.Tests.Exports;

/// <summary>A learner's exports on a real PostgreSQL: JSON and CSV of their own data, and Anki decks opened back with SQLite.</summary>
public sealed class ExportApiTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private QuestionBankApp App => app.App;

    [Theory]
    [InlineData("/api/me/export.json")]
    [InlineData("/api/me/export.csv")]
    [InlineData("/api/me/export.apkg")]
    [InlineData("/api/me/export.apkg?document=anything")]
    public async Task AnonymousCallersGet401(string path) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateBrowserLikeClient().GetAsync(path)).StatusCode);

    [Fact]
    public async Task TheJsonExportHoldsTheLearnersCardsWithTheirReviewLogAndRunsAndNobodyElses()
    {
        var email = Email();
        var learner = await App.SignUpLearnerAsync(email);
        var other = await App.SignUpLearnerAsync(Email());
        var slugs = await DueSlugsAsync(learner, 2);
        await RateAsync(learner, slugs[0], 3);
        await RateAsync(learner, slugs[0], 1);
        await RateAsync(learner, slugs[1], 4);
        await RateAsync(other, slugs[1], 2);
        var run = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            var accountId = await db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
            return await new RunQueue(db).EnqueueAsync(new NewRun(slugs[0], "lstm", "source", "export-test", 1, 0.01, 32, 1, null, accountId), CancellationToken.None);
        });

        var export = await learner.GetFromJsonAsync<JsonElement>("/api/me/export.json");

        var cards = export.GetProperty("cards").EnumerateArray().ToDictionary(c => c.GetProperty("slug").GetString()!);
        Assert.Equal(slugs.Order(), cards.Keys.Order());
        Assert.Equal(["good", "again"], cards[slugs[0]].GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("rating").GetString()));
        Assert.Equal("learning", cards[slugs[0]].GetProperty("state").GetString());
        Assert.Single(cards[slugs[1]].GetProperty("reviews").EnumerateArray());
        Assert.Equal(run, Assert.Single(export.GetProperty("runs").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/me/export.json")).GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task TheCsvExportHasAHeaderAndOneQuotedRowPerCard()
    {
        var learner = await App.SignUpLearnerAsync(Email());
        var slugs = await DueSlugsAsync(learner, 3);
        foreach (var slug in slugs)
        {
            await RateAsync(learner, slug, 3);
        }

        var response = await learner.GetAsync("/api/me/export.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("\"document\",\"section\",\"slug\",\"title\",\"state\",\"due\",\"stability\",\"difficulty\",\"reviews\",\"lapses\",\"last_review\"", lines[0]);
        Assert.Equal(slugs.Count, lines.Length - 1);
        Assert.All(slugs, slug => Assert.Single(lines, line => line.Contains($",\"{slug}\",", StringComparison.Ordinal)));
        Assert.All(lines.Skip(1), line => Assert.Contains(",\"learning\",", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAnkiDeckOfADocumentHasOneNewCardPerVisibleQuestionWithTheTitleInFrontAndTheRenderedAnswerBehind()
    {
        var learner = await App.SignUpLearnerAsync(Email());
        var (document, expected) = await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuestionBankDbContext>();
            var slug = await db.Documents.OrderBy(d => d.Slug).Select(d => d.Slug).FirstAsync();
            var titles = await db.Questions.Where(q => q.Document.Slug == slug && !q.IsHidden).OrderBy(q => q.Position).Select(q => q.Title).ToListAsync();
            return (slug, titles);
        });

        var notes = await DeckAsync(learner, $"/api/me/export.apkg?document={document}");

        Assert.Equal(expected.Count, notes.Count);
        Assert.All(expected.Zip(notes), pair => Assert.StartsWith(WebUtility.HtmlEncode(pair.First), pair.Second.Front, StringComparison.Ordinal));
        Assert.All(notes, note => Assert.False(string.IsNullOrWhiteSpace(note.Back)));
        Assert.Contains(notes, note => note.Back.Contains("<p>", StringComparison.Ordinal));
        Assert.All(notes, note => Assert.DoesNotContain("<script", note.Back, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheAnkiDeckOfTheWholeBankHasEveryVisibleQuestionAndAnUnknownDocumentIs404()
    {
        var learner = await App.SignUpLearnerAsync(Email());
        var visible = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Questions.CountAsync(q => !q.IsHidden));

        var notes = await DeckAsync(learner, "/api/me/export.apkg");

        Assert.Equal(visible, notes.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/api/me/export.apkg?document=no-such-document")).StatusCode);
    }

    /// <summary>Downloads a deck and reads it as Anki would: the zip's collection.anki2 with SQLite, the cards joined to their notes.</summary>
    private static async Task<List<(string Front, string Back, int Type)>> DeckAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"qb-test-{Guid.NewGuid():N}.anki2");
        try
        {
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
            {
                Assert.Equal("{}", await new StreamReader(zip.GetEntry("media")!.Open()).ReadToEndAsync());
                zip.GetEntry("collection.anki2")!.ExtractToFile(file);
            }
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT n.flds, c.type, (SELECT ver FROM col), (SELECT count(*) FROM revlog) FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.due
                """;
            var notes = new List<(string, string, int)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.Equal(11, reader.GetInt32(2));
                Assert.Equal(0, reader.GetInt32(3));
                var fields = reader.GetString(0).Split('\u001f');
                Assert.Equal(2, fields.Length);
                notes.Add((fields[0], fields[1], reader.GetInt32(1)));
            }
            Assert.All(notes, note => Assert.Equal(0, note.Item3));
            return notes;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<List<string>> DueSlugsAsync(HttpClient client, int count) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/reviews/due?limit={count}")).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("slug").GetString()!)];

    private static async Task RateAsync(HttpClient client, string slug, int rating) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostWithTokenAsync("/api/reviews", new { slug, rating })).StatusCode);

    private static string Email() => $"learner-{Guid.NewGuid():N}@questionbank.test";
}
