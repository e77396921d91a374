using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Tests.Exports;

/// <summary>A learner's exports on a real PostgreSQL: JSON and CSV of their own data, and Anki decks opened back with SQLite.</summary>
public sealed class ExportApiTests(ClockedApp app) : SharedAppTestBase<ClockedApp>(app)
{
    [Fact]
    public async Task TheJsonExportHoldsTheLearnersCardsWithTheirReviewLogAndRunsAndNobodyElses()
    {
        var email = LearnerSession.NewEmail();
        var learner = await App.SignUpLearnerAsync(email);
        var other = await App.SignUpNewLearnerAsync();
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
        var learner = await App.SignUpNewLearnerAsync();
        var slugs = await DueSlugsAsync(learner, 3);
        foreach (var slug in slugs)
        {
            await RateAsync(learner, slug, 3);
        }

        var response = await learner.GetAsync("/api/me/export.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("\"document\",\"section\",\"slug\",\"title\",\"state\",\"due\",\"stability\",\"difficulty\",\"reviews\",\"lapses\",\"last_review\",\"bookmarked\",\"note\"", lines[0]);
        Assert.Equal(slugs.Count, lines.Length - 1);
        Assert.All(slugs, slug => Assert.Single(lines, line => line.Contains($",\"{slug}\",", StringComparison.Ordinal)));
        Assert.All(lines.Skip(1), line => Assert.Contains(",\"learning\",", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheExportsHoldTheLearnersSettingsBookmarksAndNotesIncludingQuestionsWithoutACard()
    {
        var learner = await App.SignUpNewLearnerAsync();
        var other = await App.SignUpNewLearnerAsync();
        var slugs = await DueSlugsAsync(learner, 3);
        await RateAsync(learner, slugs[0], 3);
        Assert.True((await learner.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { alwaysShowAnswers = true, timeZone = "Asia/Shanghai" })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await learner.SwitchLanguageAsync("zh-CN")).StatusCode);
        Assert.True((await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{slugs[0]}")).IsSuccessStatusCode);
        Assert.True((await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{slugs[1]}")).IsSuccessStatusCode);
        // A note that a spreadsheet would run as a formula, on a question the learner has no card of.
        Assert.True((await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slugs[2]}", new { markdown = "=HYPERLINK(\"x\")\n\"quoted\", two lines" })).IsSuccessStatusCode);
        Assert.True((await other.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slugs[0]}", new { markdown = "the other learner's note" })).IsSuccessStatusCode);

        var export = await learner.GetFromJsonAsync<JsonElement>("/api/me/export.json");
        var csv = await learner.GetStringAsync("/api/me/export.csv");

        var settings = export.GetProperty("settings");
        Assert.True(settings.GetProperty("alwaysShowAnswers").GetBoolean());
        Assert.Equal("Asia/Shanghai", settings.GetProperty("timeZone").GetString());
        Assert.Equal("zh-CN", settings.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("newCardDocuments").ValueKind);
        Assert.Equal(slugs[..2].Order(), export.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetProperty("slug").GetString()).Order());
        var note = Assert.Single(export.GetProperty("notes").EnumerateArray());
        Assert.Equal(slugs[2], note.GetProperty("slug").GetString());
        Assert.Equal("=HYPERLINK(\"x\")\n\"quoted\", two lines", note.GetProperty("markdown").GetString());
        Assert.DoesNotContain("the other learner's note", csv, StringComparison.Ordinal);
        Assert.Contains($",\"{slugs[0]}\",", csv, StringComparison.Ordinal);
        Assert.Contains($",\"{slugs[1]}\",\"", csv, StringComparison.Ordinal);
        Assert.EndsWith(",\"\",\"'=HYPERLINK(\"\"x\"\")\n\"\"quoted\"\", two lines\"\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Count(line => line.StartsWith('"')));
    }

    [Fact]
    public async Task TheAnkiDeckOfADocumentHasOneNewCardPerVisibleQuestionWithTheTitleInFrontAndTheRenderedAnswerBehind()
    {
        var learner = await App.SignUpNewLearnerAsync();
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
        var learner = await App.SignUpNewLearnerAsync();
        var visible = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Questions.CountAsync(q => !q.IsHidden));

        var notes = await DeckAsync(learner, "/api/me/export.apkg");

        Assert.Equal(visible, notes.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/api/me/export.apkg?document=no-such-document")).StatusCode);
    }

    [Fact]
    public async Task TheDefaultChoiceOfAnEmptyDocumentDownloadsTheWholeBank()
    {
        var learner = await App.SignUpNewLearnerAsync();
        var visible = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Questions.CountAsync(q => !q.IsHidden));

        // What /me's form sends with "The whole bank" chosen.
        var response = await learner.GetAsync("/api/me/export.apkg?document=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("questionbank-all.apkg", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(visible, (await AnkiPackage.ReadAsync(await response.Content.ReadAsStreamAsync())).Count);
    }

    [Fact]
    public async Task TheDeckCarriesEachCardsReviewStateAndLogSoAnkiGoesOnWhereTheLearnerStopped()
    {
        var learner = await App.SignUpNewLearnerAsync();
        var slugs = await DueSlugsAsync(learner, 3);
        // The first: Easy (review, days ahead); the second: Again (learning, due in a minute); the third stays new.
        await RateAsync(learner, slugs[0], 4);
        await RateAsync(learner, slugs[1], 1);
        var now = Fixture.Clock.GetUtcNow();
        var cards = (await learner.GetFromJsonAsync<JsonElement>("/api/me/export.json")).GetProperty("cards").EnumerateArray()
            .ToDictionary(card => card.GetProperty("slug").GetString()!);
        var document = cards[slugs[0]].GetProperty("document").GetString();

        var response = await learner.GetAsync($"/api/me/export.apkg?document={document}");
        var package = await AnkiPackage.ReadPackageAsync(await response.Content.ReadAsStreamAsync());
        // The deck is in bank order: a question's card is at its place among the document's visible questions.
        var order = await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Questions
            .Where(q => q.Document.Slug == document && !q.IsHidden).OrderBy(q => q.Position).Select(q => q.Slug).ToListAsync());
        AnkiPackage.Card Card(string slug) => package.Cards[order.IndexOf(slug)];

        var review = Card(slugs[0]);
        var due = cards[slugs[0]].GetProperty("due").GetDateTimeOffset();
        Assert.Equal((2, 2), (review.Type, review.Queue));
        // A review card's due is its day counted from the collection's day 0; its interval the days to it.
        Assert.Equal((due.UtcDateTime.Date - DateTimeOffset.FromUnixTimeSeconds(package.Created).UtcDateTime.Date).Days, review.Due);
        Assert.Equal((int)Math.Round((due - now).TotalDays), review.Interval);
        Assert.InRange(review.Factor, 1300, 3500);
        Assert.Equal(1, review.Reviews);
        var memory = JsonDocument.Parse(review.Data).RootElement;
        Assert.Equal(cards[slugs[0]].GetProperty("stability").GetDouble(), memory.GetProperty("s").GetDouble(), 3);
        Assert.Equal(cards[slugs[0]].GetProperty("difficulty").GetDouble(), memory.GetProperty("d").GetDouble(), 3);
        var logged = Assert.Single(review.Log);
        Assert.Equal((4, 0, now.ToUnixTimeMilliseconds()), (logged.Ease, logged.Type, logged.Id));
        Assert.Equal(review.Interval, logged.Interval);

        var learning = Card(slugs[1]);
        Assert.Equal((1, 1, now.AddMinutes(1).ToUnixTimeSeconds()), (learning.Type, learning.Queue, learning.Due));
        var again = Assert.Single(learning.Log);
        Assert.Equal((1, -60L), (again.Ease, again.Interval));

        var untouched = Card(slugs[2]);
        Assert.Equal((0, 0, 0), (untouched.Type, untouched.Queue, untouched.Reviews));
        Assert.Empty(untouched.Log);
    }

    [Fact]
    public async Task TheNoteTypeStylesHighlightedCode()
    {
        var learner = await App.SignUpNewLearnerAsync();

        var response = await learner.GetAsync("/api/me/export.apkg");
        var package = await AnkiPackage.ReadPackageAsync(await response.Content.ReadAsStreamAsync());

        Assert.Contains(package.Cards, card => card.Back.Contains("class=\"tok-", StringComparison.Ordinal));
        string[] tokens = ["tok-kw", "tok-str", "tok-com", "tok-num", "tok-fn", "tok-builtin"];
        Assert.All(tokens, token => Assert.Contains($"pre.code .{token} {{", package.Css, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<AnkiPackage.Card>> DeckAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = await AnkiPackage.ReadAsync(await response.Content.ReadAsStreamAsync());
        // A learner who reviewed nothing gets new cards and no log.
        Assert.All(cards, card => Assert.Equal((0, 0), (card.Type, card.Log.Count)));
        return cards;
    }

    private static async Task<List<string>> DueSlugsAsync(HttpClient client, int count) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/reviews/due?limit={count}")).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("slug").GetString()!)];

    private static async Task RateAsync(HttpClient client, string slug, int rating) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostWithTokenAsync("/api/reviews", new { slug, rating })).StatusCode);
}
