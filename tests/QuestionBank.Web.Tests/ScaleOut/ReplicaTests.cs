using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.ScaleOut;

/// <summary>Two web replicas on one database, as behind a load balancer.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(TrainingCollection.Name)]
public sealed partial class ReplicaTests
{
    [Fact]
    public async Task AnAdminSignedInOnOneReplicaIsSignedInOnTheOther()
    {
        var database = await TestCluster.SeededDatabaseAsync();
        await using var first = new QuestionBankApp(database);
        await using var second = new QuestionBankApp(database);
        var firstClient = first.CreateBrowserLikeClient();
        var secondClient = second.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

        var signIn = await AdminSession.PostLoginAsync(firstClient, QuestionBankApp.AdminEmail, QuestionBankApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Select(cookie => AuthCookie().Match(cookie)).First(match => match.Success).Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/imports");
        request.Headers.Add("Cookie", $"qb.auth={authCookie}");
        var onSecond = await secondClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        var keys = await second.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1, "The key ring is kept in the database.");
    }

    [Fact]
    public async Task ARunSubmittedOnOneReplicaStreamsItsProgressFromTheOther()
    {
        var database = await TestCluster.SeededDatabaseAsync();
        await using var first = new QuestionBankApp(database, QuestionBankApp.WithWorker);
        await using var second = new QuestionBankApp(database);
        var firstClient = first.CreateClient();
        var secondClient = second.CreateClient();
        (await secondClient.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        var submitted = await firstClient.PostAsJsonAsync("/api/runs", new { exercise = "lstm", source = ExerciseCatalog.Find("lstm")!.Solution, @params = new { epochs = 4 } });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var events = await secondClient.ReadRunEventsAsync(id);

        Assert.Equal(4, events.Count(e => e.Type == "progress"));
        // Four epochs meet the goal on some drawn series only; what is shown here is that the judged end reaches the other replica.
        var statuses = events.Where(e => e.Type == "status").Select(e => e.Data.GetProperty("status").GetString()).ToList();
        Assert.Equal(2, statuses.Count);
        Assert.Equal("running", statuses[0]);
        Assert.Contains(statuses[1], new[] { "succeeded", "failed" });
        var run = await secondClient.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.True(run.GetProperty("metrics").TryGetProperty("mse_ratio", out _), "the judge's metric reached the other replica");
    }

    [GeneratedRegex("^qb\\.auth=([^;]+)")]
    private static partial Regex AuthCookie();
}
