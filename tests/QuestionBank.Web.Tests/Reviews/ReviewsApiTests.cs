using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Core.Learning;
using QuestionBank.Data;

namespace QuestionBank.Web.Tests.Reviews;

/// <summary>The review API on a real PostgreSQL, with the app's clock in the test's hands.</summary>
public sealed class ReviewsApiTests(ClockedApp app) : SharedAppTestBase<ClockedApp>(app)
{
    private static readonly FsrsScheduler Fsrs = new();

    [Fact]
    public async Task ANewLearnerGetsNewCardsInBankOrderUpToTwentyADay()
    {
        var client = await App.SignUpNewLearnerAsync();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=100");
        var five = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=5");

        Assert.Equal(0, all.GetProperty("dueCount").GetInt32());
        Assert.Equal(20, all.GetProperty("newCount").GetInt32());
        Assert.Equal(20, all.GetProperty("items").GetArrayLength());
        Assert.All(all.GetProperty("items").EnumerateArray(), item => Assert.Equal("new", item.GetProperty("state").GetString()));
        Assert.Equal(Slugs(all).Take(5), Slugs(five));
    }

    [Fact]
    public async Task RatingACardReturnsTheStateFsrsGivesIt()
    {
        var client = await App.SignUpNewLearnerAsync();
        var slug = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).Single();
        var now = Fixture.Clock.GetUtcNow();

        var response = await client.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 });

        var expected = Fsrs.Review(FsrsCard.New(now), Rating.Good, now);
        var card = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("learning", card.GetProperty("state").GetString());
        Assert.Equal(now.AddMinutes(10), card.GetProperty("due").GetDateTimeOffset());
        Assert.Equal(expected.Stability!.Value, card.GetProperty("stability").GetDouble(), 1e-9);
        Assert.Equal(expected.Difficulty!.Value, card.GetProperty("difficulty").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task TheNextDayTheDueCardsAreExactlyTheOnesFsrsScheduledAndNewCardsStartAgain()
    {
        var email = LearnerSession.NewEmail();
        var client = await App.SignUpLearnerAsync(email);
        var slugs = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=5"));
        Rating[][] histories = [[Rating.Again], [Rating.Hard], [Rating.Good], [Rating.Easy], [Rating.Good, Rating.Good]];
        var expected = new Dictionary<string, FsrsCard>();
        for (var i = 0; i < slugs.Count; i++)
        {
            var card = FsrsCard.New(Fixture.Clock.GetUtcNow());
            foreach (var rating in histories[i])
            {
                card = Fsrs.Review(card, rating, Fixture.Clock.GetUtcNow());
                Assert.Equal(HttpStatusCode.OK, (await client.PostWithTokenAsync("/api/reviews", new { slug = slugs[i], rating = (int)rating })).StatusCode);
            }

            expected[slugs[i]] = card;
        }

        var sameDay = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=100");
        Assert.Equal(0, sameDay.GetProperty("dueCount").GetInt32());
        Assert.Equal(15, sameDay.GetProperty("newCount").GetInt32());

        Fixture.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = Fixture.Clock.GetUtcNow();
        // Yesterday's cookie has expired on the moved clock: the learner signs in again.
        client = App.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostWithTokenAsync("/api/account/login", new { email, password = LearnerSession.Password })).StatusCode);
        var queue = await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=100");

        var dueByFsrs = expected.Where(e => e.Value.Due <= tomorrow).OrderBy(e => e.Value.Due).Select(e => e.Key).ToList();
        Assert.NotEmpty(dueByFsrs);
        Assert.NotEqual(slugs.Count, dueByFsrs.Count);
        Assert.Equal(dueByFsrs.Count, queue.GetProperty("dueCount").GetInt32());
        Assert.Equal(20, queue.GetProperty("newCount").GetInt32());
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(dueByFsrs, items.Take(dueByFsrs.Count).Select(i => i.GetProperty("slug").GetString()));
        Assert.All(items.Skip(dueByFsrs.Count), i => Assert.Equal("new", i.GetProperty("state").GetString()));
        Assert.DoesNotContain(items.Skip(dueByFsrs.Count), i => slugs.Contains(i.GetProperty("slug").GetString()!));
    }

    [Fact]
    public async Task ALearnersCardIsTheirsAloneAnotherLearnerGets404()
    {
        var owner = await App.SignUpNewLearnerAsync();
        var slug = Slugs(await owner.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).Single();
        await owner.PostWithTokenAsync("/api/reviews", new { slug, rating = 1 });
        await owner.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 });
        var other = await App.SignUpNewLearnerAsync();

        var own = await owner.GetFromJsonAsync<JsonElement>($"/api/reviews/{slug}");
        var others = await other.GetAsync($"/api/reviews/{slug}");
        var anonymous = await App.CreateBrowserLikeClient().GetAsync($"/api/reviews/{slug}");
        var othersQueue = await other.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1");

        Assert.Equal([1, 3], own.GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("rating").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("new", othersQueue.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task ARatingOutsideOneToFourIs400(int rating)
    {
        var client = await App.SignUpNewLearnerAsync();
        var slug = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).Single();

        var response = await client.PostWithTokenAsync("/api/reviews", new { slug, rating });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rating", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownSlugIs404AndARatingWithoutTheAntiforgeryTokenIs400()
    {
        var client = await App.SignUpNewLearnerAsync();
        var slug = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).Single();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/api/reviews", new { slug = "no-such-question", rating = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/reviews", new { slug, rating = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/reviews/due?limit=0")).StatusCode);
    }

    [Fact]
    public async Task DeletingTheAccountDeletesItsCardsAndReviewLog()
    {
        var email = LearnerSession.NewEmail();
        var client = await App.SignUpLearnerAsync(email);
        var slug = Slugs(await client.GetFromJsonAsync<JsonElement>("/api/reviews/due?limit=1")).Single();
        await client.PostWithTokenAsync("/api/reviews", new { slug, rating = 3 });
        var cardsBefore = await CountAsync(db => db.ReviewCards.CountAsync());
        var logBefore = await CountAsync(db => db.ReviewLog.CountAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Delete, "/api/account", new { password = LearnerSession.Password })).StatusCode);

        Assert.Equal(cardsBefore - 1, await CountAsync(db => db.ReviewCards.CountAsync()));
        Assert.Equal(logBefore - 1, await CountAsync(db => db.ReviewLog.CountAsync()));
    }

    private Task<int> CountAsync(Func<QuestionBankDbContext, Task<int>> count) =>
        App.WithScopeAsync(sp => count(sp.GetRequiredService<QuestionBankDbContext>()));

    private static List<string> Slugs(JsonElement queue) =>
        queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();
}
