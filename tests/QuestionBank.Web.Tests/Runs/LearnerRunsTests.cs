using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Core.Learning;
using QuestionBank.Data;
using QuestionBank.Data.Reviews;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Tests.Runs;

/// <summary>
/// Runs of signed-in learners on a real PostgreSQL: theirs alone, listed as "my runs", and counted
/// as a Good review when their goals are met. The worker's side is played here with the run queue
/// on a device of this class's own, so no other run is claimed.
/// </summary>
public sealed class LearnerRunsTests(ClockedApp app) : SharedAppTestBase<ClockedApp>(app)
{
    private const string Device = "learner-runs";

    private static readonly FsrsScheduler Fsrs = new();

    [Fact]
    public async Task ARunSubmittedBySignedInLearnerIsRecordedAsTheirsAndAnAnonymousOneAsNobodys()
    {
        var email = LearnerSession.NewEmail();
        var learner = await App.SignUpLearnerAsync(email);

        var mine = await SubmitAsync(learner);
        var anonymous = await SubmitAsync(App.CreateBrowserLikeClient());

        Assert.Equal(await AccountIdAsync(email), await OwnerAsync(mine));
        Assert.Null(await OwnerAsync(anonymous));
        await CancelAsync(learner, mine);
    }

    [Fact]
    public async Task ALearnersRunIsHiddenFromOtherLearnersWith404AndFromAnonymousVisitorsWith401()
    {
        var owner = await App.SignUpNewLearnerAsync();
        var other = await App.SignUpNewLearnerAsync();
        var anonymous = App.CreateBrowserLikeClient();
        var id = await SubmitAsync(owner);

        foreach (var path in new[] { $"/api/runs/{id}", $"/api/runs/{id}/events", $"/api/runs/{id}/images/curve.png" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/runs/{id}")).StatusCode);
        var page = await anonymous.GetAsync($"/runs/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/runs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/runs/{id}")).StatusCode);
        await CancelAsync(owner, id);
    }

    [Fact]
    public async Task AnonymousVisitorsGet401ForMyRunsAndAreSentToSignInFromThePage()
    {
        var anonymous = App.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/runs")).StatusCode);
        var page = await anonymous.GetAsync("/me/runs");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyRunsListsOnlyTheLearnersOwnRunsNewestFirstWithTheBestResultPerExercise()
    {
        var email = LearnerSession.NewEmail();
        var learner = await App.SignUpLearnerAsync(email);
        var otherEmail = LearnerSession.NewEmail();
        await App.SignUpLearnerAsync(otherEmail);
        var slug = await ExerciseQuestions.SlugAsync(App.CreateClient(), "lstm");
        var accountId = await AccountIdAsync(email);
        var worse = await CompletedRunAsync(accountId, slug, RunStatus.Succeeded, false, 0.5);
        var best = await CompletedRunAsync(accountId, slug, RunStatus.Succeeded, true, 0.1);
        var newest = await CompletedRunAsync(accountId, slug, RunStatus.Failed, false, null);
        await CompletedRunAsync(await AccountIdAsync(otherEmail), slug, RunStatus.Succeeded, true, 0.01);
        await CompletedRunAsync(null, slug, RunStatus.Succeeded, true, 0.02);

        var all = await learner.GetFromJsonAsync<JsonElement>("/api/me/runs");
        var lstm = await learner.GetFromJsonAsync<JsonElement>("/api/me/runs?exercise=lstm");
        var cnn = await learner.GetFromJsonAsync<JsonElement>("/api/me/runs?exercise=cnn");

        Assert.Equal([newest, best, worse], Ids(all.GetProperty("items")));
        Assert.Equal([newest, best, worse], Ids(lstm.GetProperty("items")));
        Assert.Equal(0, cnn.GetProperty("items").GetArrayLength());
        var bestLstm = Assert.Single(all.GetProperty("best").EnumerateArray());
        Assert.Equal("lstm", bestLstm.GetProperty("exercise").GetString());
        Assert.Equal("mse_ratio", bestLstm.GetProperty("metric").GetString());
        Assert.Equal(best, bestLstm.GetProperty("run").GetProperty("id").GetGuid());
        var page = await learner.GetStringAsync("/me/runs?exercise=lstm");
        Assert.Contains($"/runs/{best}", page, StringComparison.Ordinal);
        Assert.Contains($"/runs/{newest}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnersRunIsLeftOutOfThePublicListsOfTheExerciseAndTheQuestion()
    {
        var email = LearnerSession.NewEmail();
        await App.SignUpLearnerAsync(email);
        var slug = await ExerciseQuestions.SlugAsync(App.CreateClient(), "lstm");
        var learners = await CompletedRunAsync(await AccountIdAsync(email), slug, RunStatus.Succeeded, true, 0.0001);

        var exercises = await App.CreateClient().GetStringAsync("/exercises");
        var question = await App.CreateClient().GetStringAsync($"/questions/{slug}");

        Assert.DoesNotContain(learners.ToString(), exercises, StringComparison.Ordinal);
        Assert.DoesNotContain(learners.ToString(), question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWhoseGoalsAreMetCountsOnceAsAGoodReviewOfItsQuestionAtTheAppsClock()
    {
        var email = LearnerSession.NewEmail();
        var learner = await App.SignUpLearnerAsync(email);
        var slug = await ExerciseQuestions.SlugAsync(App.CreateClient(), "lstm");
        Fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        var now = Fixture.Clock.GetUtcNow();

        var run = await CompletedRunAsync(await AccountIdAsync(email), slug, RunStatus.Succeeded, true, 0.1);
        await CreditedAsync(run);
        await CreditAsync();

        var card = await learner.GetFromJsonAsync<JsonElement>($"/api/reviews/{slug}");
        var expected = Fsrs.Review(FsrsCard.New(now), Rating.Good, now);
        var rating = Assert.Single(card.GetProperty("ratings").EnumerateArray());
        Assert.Equal(3, rating.GetProperty("rating").GetInt32());
        // PostgreSQL keeps microseconds; the test clock has ticks.
        Assert.Equal(now, rating.GetProperty("reviewedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(expected.Due, card.GetProperty("due").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(expected.Stability!.Value, card.GetProperty("stability").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task AFailedRunOrARunWithUnmetGoalsCountsForNothing()
    {
        var email = LearnerSession.NewEmail();
        var learner = await App.SignUpLearnerAsync(email);
        var slug = await ExerciseQuestions.SlugAsync(App.CreateClient(), "lstm");
        var accountId = await AccountIdAsync(email);

        await CompletedRunAsync(accountId, slug, RunStatus.Failed, false, null);
        await CompletedRunAsync(accountId, slug, RunStatus.Succeeded, false, 0.9);
        await CreditAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync($"/api/reviews/{slug}")).StatusCode);
    }

    private static async Task<Guid> SubmitAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/runs", new { exercise = "lstm", device = "cuda" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task CancelAsync(HttpClient client, Guid id) =>
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);

    private Task<long> AccountIdAsync(string email) => App.WithScopeAsync(sp =>
        sp.GetRequiredService<QuestionBankDbContext>().Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    private Task<long?> OwnerAsync(Guid run) => App.WithScopeAsync(sp =>
        sp.GetRequiredService<QuestionBankDbContext>().Runs.Where(r => r.Id == run).Select(r => r.AccountId).SingleAsync());

    /// <summary>What the judge's worker does: claim the run and complete it (the metric is the LSTM's mse_ratio).</summary>
    private Task<Guid> CompletedRunAsync(long? accountId, string slug, string status, bool goalsMet, double? mseRatio) => App.WithScopeAsync(async sp =>
    {
        var queue = new RunQueue(sp.GetRequiredService<QuestionBankDbContext>());
        var id = await queue.EnqueueAsync(new NewRun(slug, "lstm", "source", Device, 1, 0.01, 32, 1, null, accountId), CancellationToken.None);
        Assert.Equal(id, (await queue.ClaimAsync("learner-runs-worker", [Device], TimeSpan.FromMinutes(1), CancellationToken.None))?.Id);
        var metrics = mseRatio is { } value ? new Dictionary<string, double> { ["mse_ratio"] = value } : [];
        Assert.True(await queue.CompleteAsync(id, "learner-runs-worker",
            new RunCompletion(status, metrics, goalsMet, null, [], "", 1, []), CancellationToken.None));
        // Distinct creation times, so "newest first" is well defined.
        await Task.Delay(20);
        return id;
    });

    /// <summary>Whatever the app's own creditor has not taken yet (it races this call; either way each run counts once).</summary>
    private Task<int> CreditAsync() => App.WithScopeAsync(sp => sp.GetRequiredService<RunReviewCredits>().CreditWaitingAsync(CancellationToken.None));

    /// <summary>
    /// Credits the run, or waits for the app's creditor to commit it: that one may hold the run, which
    /// this call's claim then skips.
    /// </summary>
    private async Task CreditedAsync(Guid run)
    {
        await CreditAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Runs
            .Where(r => r.Id == run).Select(r => r.ReviewCreditedAt).SingleAsync()) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run was never credited");
            await Task.Delay(50);
        }
    }

    private static List<Guid> Ids(JsonElement items) => [.. items.EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];
}
