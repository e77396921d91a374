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
}
