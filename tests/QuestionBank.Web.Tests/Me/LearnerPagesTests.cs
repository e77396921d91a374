namespace QuestionBank.Web.Tests.Me;

/// <summary>Self-test, bookmark and note on a question page, the /me pages and the admins' totals, through the real pages.</summary>
public sealed class LearnerPagesTests(ClockedApp app) : SharedAppTestBase<ClockedApp>(app)
{
    [Theory]
    [InlineData("/me")]
    [InlineData("/me/bookmarks")]
    [InlineData("/me/notes")]
    [InlineData("/me/settings")]
    public async Task AnonymousVisitorsAreSentToSignIn(string path) =>
        await App.AssertSendsAnonymousVisitorsToSignInAsync(path, "/account/login");

    [Fact]
    public async Task AnonymousVisitorsSeeTheAnswersOpenWithNoLearnerControls()
    {
        var (slug, answerLabel) = await QuestionWithPromptAndAnswerAsync();

        var html = await App.CreateBrowserLikeClient().GetStringAsync($"/questions/{slug}");

        Assert.Contains(answerLabel, html);
        Assert.DoesNotContain("self-test", html);
        Assert.DoesNotContain("learner-tools", html);
        Assert.DoesNotContain("handler=Rate", html);
    }

    [Fact]
    public async Task ALearnerSeesThePromptAndTheAnswerFoldedUntilShowAnswerThenRatesIt()
    {
        var (slug, answerLabel) = await QuestionWithPromptAndAnswerAsync();
        var client = await App.SignUpNewLearnerAsync();

        var html = await client.GetStringAsync($"/questions/{slug}");
        var fold = html.IndexOf("<details class=\"self-test\"", StringComparison.Ordinal);
        var summary = html.IndexOf("Show answer</summary>", StringComparison.Ordinal);
        var answer = html.IndexOf(answerLabel, StringComparison.Ordinal);
        var foldEnd = html.IndexOf("</details>", fold, StringComparison.Ordinal);

        Assert.True(fold > 0 && fold < summary && summary < answer && answer < foldEnd, "The answer part is inside the fold, after its summary.");
        Assert.Contains("class=\"part-label part-prompt\"", html[..fold]);
        Assert.True(html.IndexOf("data-rating=\"3\"", StringComparison.Ordinal) is var rate && rate > answer && rate < foldEnd, "The ratings come after the answer.");

        var rateAction = $"/questions/{slug}?handler=Rate";
        var withoutToken = await client.PostAsync(rateAction, new FormUrlEncodedContent(new Dictionary<string, string> { ["rating"] = "3" }));
        var rated = await client.PostFormAsync(rateAction, new() { ["rating"] = "3" });
        html = await client.GetStringAsync($"/questions/{slug}");
        var outOfRange = await client.PostFormAsync(rateAction, new() { ["rating"] = "5" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/{slug}");
        Assert.Equal("learning", card.GetProperty("state").GetString());
        Assert.Single(card.GetProperty("ratings").EnumerateArray());
        Assert.Contains("Rated Good: next review", html);
        Assert.Contains("Your card: learning", html);
    }

    [Fact]
    public async Task WhileTheAnswerIsFoldedNoGlossaryChipNamesWhatOnlyTheAnswerSaysAndTheChipsUnfoldWithIt()
    {
        // The seed question whose answer lists regularization, dropout, data augmentation, cross-validation and early stopping.
        const string slug = "000-d93d5146cb591d21-1-7";
        string[] answerOnly = ["正则化", "丢弃法", "数据增强", "交叉验证", "早停"];
        var client = await App.SignUpNewLearnerAsync();

        var html = await client.GetStringAsync($"/questions/{slug}");
        var fold = html.IndexOf("<details class=\"self-test\"", StringComparison.Ordinal);
        var foldEnd = html.IndexOf("</details>", fold, StringComparison.Ordinal);
        var reading = await App.CreateBrowserLikeClient().GetStringAsync($"/questions/{slug}");

        Assert.All(answerOnly, term => Assert.Contains($"class=\"chip\" href=\"/search?q={Uri.EscapeDataString(term)}\"", reading));
        Assert.All(answerOnly, term => Assert.DoesNotContain(term, html[..fold]));
        var chips = html[fold..foldEnd];
        Assert.All(answerOnly, term => Assert.Contains($"class=\"chip\" href=\"/search?q={Uri.EscapeDataString(term)}\"", chips));
    }

    [Fact]
    public async Task WhileTheAnswerIsFoldedTheExercisesOriginalCodeIsHiddenAndUnfoldsWithIt()
    {
        var slug = await ExerciseQuestions.SlugAsync(Client, "cnn");
        var client = await App.SignUpNewLearnerAsync();

        var folded = await client.GetStringAsync($"/questions/{slug}");
        var reading = await App.CreateBrowserLikeClient().GetStringAsync($"/questions/{slug}");

        Assert.Contains("<div class=\"unfolds-with-answer\" hidden=\"hidden\">", folded);
        Assert.DoesNotContain("unfolds-with-answer", reading);
        Assert.Contains("<pre class=\"code", reading[reading.IndexOf("id=\"pane-python\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task AlwaysShowAnswersKeepsTheReadingModeWithTheRatingsBelow()
    {
        var (slug, answerLabel) = await QuestionWithPromptAndAnswerAsync();
        var client = await App.SignUpNewLearnerAsync();

        var saved = await client.PostFormAsync("/me/settings", new()
        {
            ["alwaysShowAnswers"] = "true",
            ["allDocuments"] = "true",
            ["timeZone"] = "Europe/Berlin",
        });
        var html = await client.GetStringAsync($"/questions/{slug}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("<details class=\"self-test\"", html);
        Assert.True(html.IndexOf(answerLabel, StringComparison.Ordinal) < html.IndexOf("data-rating=\"1\"", StringComparison.Ordinal));
        var settings = await client.GetFromJsonAsync<JsonElement>("/api/me/settings");
        Assert.True(settings.GetProperty("alwaysShowAnswers").GetBoolean());
        Assert.Equal("Europe/Berlin", settings.GetProperty("timeZone").GetString());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("newCardDocuments").ValueKind);
    }

    [Fact]
    public async Task ALearnerBookmarksAndNotesAQuestionFromItsPage()
    {
        var (slug, _) = await QuestionWithPromptAndAnswerAsync();
        var client = await App.SignUpNewLearnerAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/questions/{slug}?handler=Bookmark", new() { ["bookmarked"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/questions/{slug}?handler=Note", new() { ["markdown"] = "**Adam** <script>alert(1)</script>" })).StatusCode);
        var html = await client.GetStringAsync($"/questions/{slug}");

        Assert.Contains("aria-pressed=\"true\"", html);
        Assert.Contains("<strong>Adam</strong> &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Empty(HtmlMarkup.InlineScripts(html));
        Assert.Contains($"href=\"/questions/{slug}\"", await client.GetStringAsync("/me/bookmarks"));
        Assert.Contains("<strong>Adam</strong>", await client.GetStringAsync("/me/notes?q=adam"));
        Assert.DoesNotContain("<strong>Adam</strong>", await client.GetStringAsync("/me/notes?q=nothing-like-it"));

        await client.PostFormAsync($"/questions/{slug}?handler=Bookmark", new() { ["bookmarked"] = "false" });
        await client.PostFormAsync($"/questions/{slug}?handler=Note", new() { ["markdown"] = "  " });
        html = await client.GetStringAsync($"/questions/{slug}");
        Assert.Contains("aria-pressed=\"false\"", html);
        Assert.DoesNotContain("<strong>Adam</strong>", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/me/notes/{slug}")).StatusCode);
    }

    [Fact]
    public async Task AnonymousPostsOnAQuestionPageChangeNothing()
    {
        var (slug, _) = await QuestionWithPromptAndAnswerAsync();
        var client = App.CreateBrowserLikeClient();

        var response = await client.PostFormAsync($"/questions/{slug}?handler=Note", new() { ["markdown"] = "anonymous" }, "/account/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task TheProgressPageShowsCountsTheHeatmapAndTheStreak()
    {
        var client = await App.SignUpNewLearnerAsync();
        var before = await client.GetStringAsync("/me");
        var slug = (await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).GetProperty("items")[0].GetProperty("slug").GetString();
        await client.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 });
        await client.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 });
        var after = await client.GetStringAsync("/me");
        var today = Fixture.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains($"data-day=\"{today}\" data-reviews=\"0\"", before);
        Assert.Contains($"data-day=\"{today}\" data-reviews=\"2\"", after);
        Assert.Contains("<svg", after);
        Assert.Contains("data-role=\"streak\">1 day", after);
        Assert.Contains("<th scope=\"col\">Mature</th>", after);
        Assert.Empty(HtmlMarkup.InlineScripts(after));
        Assert.DoesNotContain(" style=", after);
    }

    [Fact]
    public async Task TheProgressPageLinksEveryLearnerPageAndEachOpens()
    {
        var client = await App.SignUpNewLearnerAsync();
        var html = await client.GetStringAsync("/me");

        foreach (var path in new[] { "/review", "/me/bookmarks", "/me/notes", "/me/runs", "/me/settings" })
        {
            Assert.Contains($"<a href=\"{path}\">", html);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task AdminsSeeOnlyTotalsOfLearners()
    {
        var learner = await App.SignUpNewLearnerAsync();
        var slug = (await learner.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).GetProperty("items")[0].GetProperty("slug").GetString();
        await learner.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 });
        await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/me/notes/{slug}", new { markdown = "a learner's private thought" });
        var admin = await App.SignInAsync();

        var totals = await admin.GetFromJsonAsync<JsonElement>("/api/admin/learners");
        var page = await admin.GetStringAsync("/admin");

        Assert.True(totals.GetProperty("learners").GetInt32() >= 1);
        Assert.True(totals.GetProperty("reviewsLastSevenDays").GetInt32() >= 1);
        Assert.True(totals.GetProperty("notes").GetInt32() >= 1);
        Assert.Equal(["learners", "reviewsLastSevenDays", "cards", "notes", "bookmarks"], totals.EnumerateObject().Select(p => p.Name));
        Assert.Contains("data-role=\"learner-totals\"", page);
        Assert.DoesNotContain("private thought", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync("/api/admin/learners")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/me/notes/{slug}")).StatusCode);
    }

    /// <summary>A seeded question with a prompt part and an answer part, and how the page marks the answer's label.</summary>
    private async Task<(string Slug, string AnswerLabel)> QuestionWithPromptAndAnswerAsync()
    {
        var list = await App.CreateClient().GetFromJsonAsync<JsonElement>("/api/questions?pageSize=100");
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var slug = item.GetProperty("slug").GetString()!;
            var parts = (await App.CreateClient().GetFromJsonAsync<JsonElement>($"/api/questions/{slug}")).GetProperty("parts").EnumerateArray().ToList();
            if (parts.Any(p => p.GetProperty("kind").GetString() == "prompt") && parts.Any(p => p.GetProperty("kind").GetString() == "answer"))
            {
                return (slug, "class=\"part-label part-answer\"");
            }
        }

        throw new InvalidOperationException("The seeds have no question with a prompt and an answer.");
    }
}
