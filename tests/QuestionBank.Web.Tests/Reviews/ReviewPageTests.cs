using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Reviews;

public sealed class ReviewPageTests(ClockedApp app) : SharedAppTestBase<ClockedApp>(app)
{
    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn() =>
        await App.AssertSendsAnonymousVisitorsToSignInAsync("/review", "/account/login");

    [Fact]
    public async Task TheReviewPageShowsOneQuestionWithItsAnswerFoldedAndRatingItShowsTheNext()
    {
        var client = await App.SignUpNewLearnerAsync();
        var first = (await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=2")).GetProperty("items");
        var (firstSlug, secondSlug) = (first[0].GetProperty("slug").GetString()!, first[1].GetProperty("slug").GetString()!);

        var html = await client.GetStringAsync("/review");
        Assert.Contains("20 left", html);
        Assert.Contains($"href=\"/questions/{firstSlug}\"", html);
        Assert.Contains("<details class=\"review-answer\">", html);
        Assert.Contains("data-rating=\"4\"", html);

        var rating = new Dictionary<string, string> { ["slug"] = firstSlug, ["rating"] = "3" };
        var withoutToken = await client.PostAsync("/review", new FormUrlEncodedContent(rating));
        var rated = await client.PostFormAsync("/review", rating);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        html = await client.GetStringAsync("/review");
        Assert.Contains("19 left", html);
        Assert.Contains($"href=\"/questions/{secondSlug}\"", html);
    }

    [Fact]
    public async Task TheGradesComeAfterTheAnswerInsideItsFoldEachWithTheIntervalFsrsWouldGive()
    {
        var client = await App.SignUpNewLearnerAsync();

        var html = await client.GetStringAsync("/review");

        var fold = html.IndexOf("<details class=\"review-answer\">", StringComparison.Ordinal);
        var answerEnd = html.IndexOf("</details>", fold, StringComparison.Ordinal);
        Assert.InRange(html.IndexOf("data-rating=\"1\"", StringComparison.Ordinal), fold, answerEnd);
        Assert.InRange(html.IndexOf("data-rating=\"4\"", StringComparison.Ordinal), fold, answerEnd);
        var intervals = Regex.Matches(html, "data-role=\"interval\">([^<]+)<").Select(m => m.Groups[1].Value).ToList();
        // A new card: Again repeats the first learning step (1 minute), Good goes on to the second (10 minutes), Easy graduates to days.
        Assert.Equal(4, intervals.Count);
        Assert.Equal("1 min", intervals[0]);
        Assert.Equal("10 min", intervals[2]);
        Assert.Matches("^\\d+ d$", intervals[3]);
        Assert.Contains("grade grade-again", html);
        Assert.Contains("grade grade-easy", html);
    }

    [Fact]
    public async Task TheCountsSplitNewLearningAndDueAndUndoTakesTheLastRatingBackToItsCard()
    {
        var client = await App.SignUpNewLearnerAsync();
        var first = await CurrentSlugAsync(client);
        Assert.DoesNotContain("data-action=\"undo\"", await client.GetStringAsync("/review"));

        // Again: the card is in learning, due in a minute.
        await client.PostFormAsync("/review", new() { ["slug"] = first, ["rating"] = "1" });
        var afterAgain = await client.GetStringAsync("/review");
        Assert.Contains("data-action=\"undo\"", afterAgain);
        Assert.NotEqual(first, await CurrentSlugAsync(client));

        // Undo: the card never existed, the question is new again, and it is the one shown.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/review?handler=Undo", [], "/review")).StatusCode);
        var undone = await client.GetStringAsync("/review");
        Assert.Equal(first, await CurrentSlugAsync(client));
        Assert.Contains("data-role=\"new-count\">20<", undone);
        Assert.DoesNotContain("data-action=\"undo\"", undone);
        var cards = (await client.GetFromJsonAsync<JsonElement>("/api/me/export.json")).GetProperty("cards").EnumerateArray();
        Assert.DoesNotContain(cards, card => card.GetProperty("slug").GetString() == first);

        // A card in learning comes due: it counts as learning; rated Good and taken back, it is back in learning, shown again.
        await client.PostFormAsync("/review", new() { ["slug"] = first, ["rating"] = "1" });
        Fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var due = await client.GetStringAsync("/review");
        Assert.Contains("data-role=\"learning-count\">1<", due);
        Assert.Contains("data-role=\"new-count\">19<", due);
        Assert.Equal(first, await CurrentSlugAsync(client));
        await client.PostFormAsync("/review", new() { ["slug"] = first, ["rating"] = "3" });
        Assert.DoesNotContain("data-role=\"learning-count\">1<", await client.GetStringAsync("/review"));
        await client.PostFormAsync("/review?handler=Undo", [], "/review");
        Assert.Contains("data-role=\"learning-count\">1<", await client.GetStringAsync("/review"));
        Assert.Equal(first, await CurrentSlugAsync(client));
        // Taken back once: a second Undo has nothing to take back.
        await client.PostFormAsync("/review?handler=Undo", [], "/review");
        Assert.Equal(first, await CurrentSlugAsync(client));
        Assert.Contains("data-role=\"learning-count\">1<", await client.GetStringAsync("/review"));
    }

    private static async Task<string> CurrentSlugAsync(HttpClient client) =>
        Regex.Match(await client.GetStringAsync("/review"), "<h1><a href=\"/questions/([^\"]+)\"").Groups[1].Value;
}
