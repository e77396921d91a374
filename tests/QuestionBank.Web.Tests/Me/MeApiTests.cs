namespace QuestionBank.Web.Tests.Me;

/// <summary>The learner's own API on a real PostgreSQL: bookmarks, notes, settings and progress, and that they stay the learner's.</summary>
public sealed class MeApiTests(ClockedApp app) : SharedAppTestBase<ClockedApp>(app)
{
    [Fact]
    public async Task ALearnerBookmarksListsAndRemovesQuestions()
    {
        var client = await App.SignUpNewLearnerAsync();
        var (first, second) = (await SlugAsync(client, 0), await SlugAsync(client, 1));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/bookmarks/no-such-question")).StatusCode);
        Assert.Equivalent(new[] { first, second }, await BookmarksAsync(client));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/me/bookmarks/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/me/bookmarks/{first}")).StatusCode);
        Assert.Equal([second], await BookmarksAsync(client));
        Assert.Contains(second, await client.GetStringAsync("/me/bookmarks"));
    }

    [Fact]
    public async Task ALearnersBookmarksAndNotesAreTheirsAloneAnotherLearnerGets404()
    {
        var owner = await App.SignUpNewLearnerAsync();
        var slug = await SlugAsync(owner, 0);
        await owner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/bookmarks/{slug}");
        await owner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { markdown = "owner's secret mnemonic" });
        var other = await App.SignUpNewLearnerAsync();
        var admin = await App.SignInAsync();

        foreach (var stranger in new[] { other, admin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/me/notes/{slug}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendWithTokenAsync(HttpMethod.Delete, $"/api/me/notes/{slug}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendWithTokenAsync(HttpMethod.Delete, $"/api/me/bookmarks/{slug}")).StatusCode);
            Assert.Empty(await BookmarksAsync(stranger));
            Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/me/notes?q=secret")).GetArrayLength());
            Assert.DoesNotContain("owner's secret", await stranger.GetStringAsync($"/questions/{slug}"));
            Assert.DoesNotContain("owner's secret", await stranger.GetStringAsync("/me/notes?q=secret"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateBrowserLikeClient().GetAsync($"/api/me/notes/{slug}")).StatusCode);
        Assert.Equal("owner's secret mnemonic", (await owner.GetFromJsonAsync<JsonElement>($"/api/me/notes/{slug}")).GetProperty("markdown").GetString());
        Assert.Equal([slug], await BookmarksAsync(owner));
    }

    [Fact]
    public async Task ANoteIsSavedReplacedRenderedAndFoundBySearchingTheLearnersNotes()
    {
        var client = await App.SignUpNewLearnerAsync();
        var (first, second) = (await SlugAsync(client, 0), await SlugAsync(client, 1));

        await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{first}", new { markdown = "draft" });
        var saved = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{first}", new { markdown = "记住 **梯度裁剪** and 100%_sure" });
        await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{second}", new { markdown = "学习率 warm-up" });

        var note = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("<strong>梯度裁剪</strong>", note.GetProperty("html").GetString());
        Assert.Equal([first], await NoteSearchAsync(client, "梯度"));
        Assert.Equal([first], await NoteSearchAsync(client, "%_sure"));
        Assert.Empty(await NoteSearchAsync(client, "%x%"));
        Assert.Equal([second], await NoteSearchAsync(client, "WARM"));
        Assert.Equivalent(new[] { first, second }, await NoteSearchAsync(client, ""));
        Assert.Contains("<strong>梯度裁剪</strong>", await client.GetStringAsync("/me/notes?q=" + Uri.EscapeDataString("梯度")));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/me/notes/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/me/notes/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/notes/no-such-question", new { markdown = "x" })).StatusCode);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt&#58;alert(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.test\"></iframe>")]
    [InlineData("[x](https://ok.test){onclick=alert(1)}")]
    [InlineData("<svg onload=alert(1)>")]
    public async Task HostileMarkdownInANoteComesOutInert(string markdown)
    {
        var client = await App.SignUpNewLearnerAsync();
        var slug = await SlugAsync(client, 0);

        var response = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { markdown });
        var api = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("html").GetString()!;
        var page = await client.GetStringAsync($"/questions/{slug}");
        var notes = await client.GetStringAsync("/me/notes");

        foreach (var html in new[] { api, NoteOf(page), NoteOf(notes) })
        {
            Assert.DoesNotContain(HtmlMarkup.Tags(html), tag => tag.Name is "script" or "iframe" or "svg" or "img" or "object" or "embed");
            Assert.Empty(HtmlMarkup.EventHandlerAttributes(html));
            Assert.Empty(HtmlMarkup.JavascriptUrls(html));
        }
    }

    [Fact]
    public async Task ANoteMustHaveTextWithinTheSizeLimitAndEveryWriteNeedsTheAntiforgeryHeader()
    {
        var client = await App.SignUpNewLearnerAsync();
        var slug = await SlugAsync(client, 0);

        var tooLong = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { markdown = new string('x', 20_001) });
        var missing = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { });
        var atLimit = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { markdown = new string('x', 20_000) });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("markdown", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/me/notes/{slug}", new { markdown = "no token" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync($"/api/me/bookmarks/{slug}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync($"/api/me/notes/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/me/settings", new { alwaysShowAnswers = true })).StatusCode);
        Assert.Empty(await BookmarksAsync(client));
    }

    [Fact]
    public async Task NewCardsComeOnlyFromTheDocumentsTheLearnerChose()
    {
        var client = await App.SignUpNewLearnerAsync();
        var documents = (await client.GetFromJsonAsync<JsonElement>("/api/me/progress")).GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("slug").GetString()!).ToList();
        var (chosen, also) = (documents[1], documents[3]);
        var inChosen = await QuestionSlugsAsync(client, chosen);
        var inAlso = await QuestionSlugsAsync(client, also);

        var saved = await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { alwaysShowAnswers = false, newCardDocuments = new[] { chosen, "no-such-document" } });
        var one = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=100");
        var reviewPage = await client.GetStringAsync("/review");
        await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { newCardDocuments = new[] { chosen, also } });
        var two = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=100");
        await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { newCardDocuments = (string[]?)null });
        var all = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=100");

        Assert.Equal([chosen], (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("newCardDocuments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(Math.Min(20, inChosen.Count), one.GetProperty("newCount").GetInt32());
        Assert.All(Slugs(one), slug => Assert.Contains(slug, inChosen));
        Assert.Contains($"href=\"/questions/{Slugs(one)[0]}\"", reviewPage);
        Assert.All(Slugs(two), slug => Assert.True(inChosen.Contains(slug) || inAlso.Contains(slug)));
        Assert.Equal(20, all.GetProperty("newCount").GetInt32());
        Assert.Contains(Slugs(all), slug => !inChosen.Contains(slug) && !inAlso.Contains(slug));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { newCardDocuments = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { timeZone = "Mars/Olympus_Mons" })).StatusCode);
    }

    [Fact]
    public async Task ProgressCountsNewLearningAndMaturePerDocumentAndWhatFallsDue()
    {
        var email = LearnerSession.NewEmail();
        var client = await App.SignUpLearnerAsync(email);
        var slugs = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=3"));
        var before = await client.GetFromJsonAsync<JsonElement>("/api/me/progress");
        var total = Sum(before, "new");
        var dues = new List<DateTimeOffset>();
        foreach (var (slug, rating) in slugs.Zip([2, 3, 4]))
        {
            var card = await (await client.PostWithTokenAsync("/api/reviews", new { slug, rating })).Content.ReadFromJsonAsync<JsonElement>();
            dues.Add(card.GetProperty("due").GetDateTimeOffset());
        }

        var after = await client.GetFromJsonAsync<JsonElement>("/api/me/progress");
        var endOfToday = new DateTimeOffset(Fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

        Assert.Equal(0, Sum(before, "learning") + Sum(before, "mature") + before.GetProperty("dueToday").GetInt32() + before.GetProperty("streak").GetInt32());
        Assert.Equal(total - 3, Sum(after, "new"));
        Assert.Equal(3, Sum(after, "learning"));
        Assert.Equal(0, Sum(after, "mature"));
        Assert.Equal(dues.Count(d => d < endOfToday), after.GetProperty("dueToday").GetInt32());
        Assert.Equal(dues.Count(d => d >= endOfToday && d < endOfToday.AddDays(7)), after.GetProperty("dueNextSevenDays").GetInt32());
        Assert.Equal(1, after.GetProperty("streak").GetInt32());
        Assert.Equal(3, after.GetProperty("reviewsThisYear").GetInt32());
        var document = after.GetProperty("documents")[0];
        Assert.Equal(3, document.GetProperty("learning").GetInt32());
        Assert.Equal(3, document.GetProperty("sections").EnumerateArray().Sum(s => s.GetProperty("learning").GetInt32()));

        // Easy, then Easy again when it falls due: its next interval is well over 21 days, so it is mature.
        var easy = slugs[2];
        Fixture.Clock.Advance(dues[2] - Fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        client = await App.SignInLearnerAsync(email);
        var second = await (await client.PostWithTokenAsync("/api/reviews", new { slug = easy, rating = 4 })).Content.ReadFromJsonAsync<JsonElement>();
        var mature = await client.GetFromJsonAsync<JsonElement>("/api/me/progress");

        Assert.True(second.GetProperty("due").GetDateTimeOffset() - Fixture.Clock.GetUtcNow() >= TimeSpan.FromDays(21));
        Assert.Equal(1, Sum(mature, "mature"));
        Assert.Equal(2, Sum(mature, "learning"));
        Assert.Equal(1, mature.GetProperty("streak").GetInt32());
        Assert.Contains("data-reviews=\"1\"", await client.GetStringAsync("/me"));
    }

    [Fact]
    public async Task TheStreakCountsConsecutiveDaysOfTheLearnersTimeZone()
    {
        var email = LearnerSession.NewEmail();
        var client = await App.SignUpLearnerAsync(email);
        await client.SendWithTokenAsync(HttpMethod.Put, "/api/me/settings", new { timeZone = "Asia/Shanghai" });
        for (var day = 0; day < 3; day++)
        {
            var slug = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).Single();
            Assert.Equal(HttpStatusCode.OK, (await client.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 })).StatusCode);
            Fixture.Clock.Advance(TimeSpan.FromDays(1));
            client = await App.SignInLearnerAsync(email);
        }

        var nextDay = await client.GetFromJsonAsync<JsonElement>("/api/me/progress");
        Fixture.Clock.Advance(TimeSpan.FromDays(1));
        client = await App.SignInLearnerAsync(email);
        var broken = await client.GetFromJsonAsync<JsonElement>("/api/me/progress");

        Assert.Equal("Asia/Shanghai", nextDay.GetProperty("timeZone").GetString());
        Assert.Equal(3, nextDay.GetProperty("streak").GetInt32());
        Assert.Equal(0, broken.GetProperty("streak").GetInt32());
        Assert.Equal(3, broken.GetProperty("reviewsThisYear").GetInt32());
    }

    private static string NoteOf(string page)
    {
        var start = page.IndexOf("class=\"markdown note\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page shows the note.");
        return page[start..page.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private static int Sum(JsonElement progress, string count) =>
        progress.GetProperty("documents").EnumerateArray().Sum(d => d.GetProperty(count).GetInt32());

    private static async Task<string> SlugAsync(HttpClient client, int index) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/questions?pageSize=5")).GetProperty("items")[index].GetProperty("slug").GetString()!;

    private static async Task<HashSet<string>> QuestionSlugsAsync(HttpClient client, string document) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/questions?document={document}&pageSize=100")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToHashSet();

    private static async Task<List<string>> BookmarksAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/me/bookmarks")).EnumerateArray().Select(b => b.GetProperty("slug").GetString()!).ToList();

    private static async Task<List<string>> NoteSearchAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/me/notes?q=" + Uri.EscapeDataString(query))).EnumerateArray().Select(n => n.GetProperty("slug").GetString()!).ToList();

    private static List<string> Slugs(JsonElement queue) =>
        queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();
}
