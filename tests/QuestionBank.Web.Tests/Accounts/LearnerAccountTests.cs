using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Tests.Accounts;

public sealed class LearnerAccountTests : AppPerTestBase
{
    [Fact]
    public async Task ALearnerSignsUpThroughTheApiAndIsSignedInAsALearnerOnly()
    {
        var client = await App.SignUpLearnerAsync("ada@questionbank.test");

        var account = await client.GetFromJsonAsync<JsonElement>("/api/account");

        Assert.Equal("ada@questionbank.test", account.GetProperty("email").GetString());
        Assert.Equal(["learner"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/imports")).StatusCode);
    }

    [Fact]
    public async Task SignUpRefusesATakenEmailAndAShortPassword()
    {
        await App.SignUpLearnerAsync("ada@questionbank.test");
        var client = App.CreateBrowserLikeClient();

        var taken = await client.PostWithTokenAsync("/api/account/signup", new { email = "ADA@questionbank.test", password = LearnerSession.Password });
        var shortPassword = await client.PostWithTokenAsync("/api/account/signup", new { email = "bob@questionbank.test", password = "short" });
        var notAnEmail = await client.PostWithTokenAsync("/api/account/signup", new { email = "bob", password = LearnerSession.Password });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Contains($"at least {AccountService.MinimumPasswordLength} characters", await shortPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notAnEmail.StatusCode);
    }

    [Fact]
    public async Task LoginLogoutAndAWrongPasswordThroughTheApi()
    {
        await App.SignUpLearnerAsync("ada@questionbank.test");
        var client = App.CreateBrowserLikeClient();

        var wrong = await client.PostWithTokenAsync("/api/account/login", new { email = "ada@questionbank.test", password = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account")).StatusCode);

        var login = await client.PostWithTokenAsync("/api/account/login", new { email = "ada@questionbank.test", password = LearnerSession.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostWithTokenAsync("/api/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account")).StatusCode);
    }

    [Fact]
    public async Task ApiPostsWithoutTheAntiforgeryTokenAreRejected()
    {
        var client = App.CreateBrowserLikeClient();

        var response = await client.PostAsJsonAsync("/api/account/signup", new { email = "ada@questionbank.test", password = LearnerSession.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChangingThePasswordSignsOutOtherSessionsAndKeepsThisOne()
    {
        var first = await App.SignUpLearnerAsync("ada@questionbank.test");
        var second = App.CreateBrowserLikeClient();
        await second.PostWithTokenAsync("/api/account/login", new { email = "ada@questionbank.test", password = LearnerSession.Password });

        var wrong = await first.PostWithTokenAsync("/api/account/password", new { currentPassword = "not it at all!!", newPassword = "a brand new long password" });
        var changed = await first.PostWithTokenAsync("/api/account/password", new { currentPassword = LearnerSession.Password, newPassword = "a brand new long password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/account")).StatusCode);
        var relogin = await second.PostWithTokenAsync("/api/account/login", new { email = "ada@questionbank.test", password = "a brand new long password" });
        Assert.Equal(HttpStatusCode.OK, relogin.StatusCode);
    }

    [Fact]
    public async Task DeletingTheAccountRemovesItAndSignsOut()
    {
        var client = await App.SignUpLearnerAsync("ada@questionbank.test");

        var wrong = await client.SendWithTokenAsync(HttpMethod.Delete, "/api/account", new { password = "not the password at all" });
        var deleted = await client.SendWithTokenAsync(HttpMethod.Delete, "/api/account", new { password = LearnerSession.Password });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account")).StatusCode);
        Assert.False(await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Accounts.AnyAsync(a => a.Email == "ada@questionbank.test")));
    }

    [Fact]
    public async Task ACookieOfADeletedAccountSignsNoOneIn()
    {
        var client = await App.SignUpLearnerAsync("ada@questionbank.test");
        await App.WithScopeAsync(sp => sp.GetRequiredService<QuestionBankDbContext>().Accounts.Where(a => a.Email == "ada@questionbank.test").ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account")).StatusCode);
    }

    [Fact]
    public async Task TheLastAdminCannotDeleteItself()
    {
        var admin = await App.SignInAsync();

        var response = await admin.SendWithTokenAsync(HttpMethod.Delete, "/api/account", new { password = QuestionBankApp.AdminPassword });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task SignUpsBeyondTheLimitGet429()
    {
        var client = App.CreateBrowserLikeClient();

        await RateLimit.AssertRefusesTheAttemptAfterAsync(
            new AccountOptions().SignUpsPerMinute,
            HttpStatusCode.Created,
            attempt => client.PostWithTokenAsync("/api/account/signup", new { email = $"l{attempt}@questionbank.test", password = LearnerSession.Password }));
    }

    [Fact]
    public async Task TheSignUpPageCreatesALearnerWithItsAntiforgeryToken()
    {
        var client = App.CreateBrowserLikeClient();
        var signUp = new Dictionary<string, string> { ["Email"] = "ada@questionbank.test", ["Password"] = LearnerSession.Password };

        var withoutToken = await client.PostAsync("/account/signup", new FormUrlEncodedContent(signUp));
        var response = await client.PostFormAsync("/account/signup", signUp);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/review", response.Headers.Location!.OriginalString);
        Assert.Contains("ada@questionbank.test", await client.GetStringAsync("/account"));
    }

    [Theory]
    [InlineData("ADA@questionbank.test", LearnerSession.Password, "This email already has an account.")]
    [InlineData("bob@questionbank.test", "short", "at least")]
    public async Task TheSignUpPageSaysWhyItRefusesATakenEmailOrAShortPassword(string email, string password, string reason)
    {
        await App.SignUpLearnerAsync("ada@questionbank.test");
        var client = App.CreateBrowserLikeClient();

        var response = await client.PostFormAsync("/account/signup", new() { ["Email"] = email, ["Password"] = password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheAccountPageChangesThePasswordAndDeletesTheAccount()
    {
        var client = App.CreateBrowserLikeClient();
        await client.SignInAsync(QuestionBankApp.AdminEmail, QuestionBankApp.AdminPassword);
        await App.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AccountService>().SaveAsync("ada@questionbank.test", LearnerSession.Password, isAdmin: false, default);
            return true;
        });
        var learner = await App.CreateBrowserLikeClient().SignInAsync("ada@questionbank.test", LearnerSession.Password);

        var changed = await learner.PostFormAsync("/account?handler=Password", new()
        {
            ["currentPassword"] = LearnerSession.Password,
            ["newPassword"] = "a brand new long password",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var deleted = await learner.PostFormAsync("/account?handler=Delete", new() { ["password"] = "a brand new long password" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await learner.GetAsync("/account")).StatusCode);
        Assert.Null(await App.WithScopeAsync(sp => sp.GetRequiredService<Data.Accounts.AccountStore>().FindAsync("ada@questionbank.test")));
    }

    [Fact]
    public async Task AnonymousVisitorsStillReadQuestionsAndSeeASignInLink()
    {
        var client = App.CreateBrowserLikeClient();

        var home = await client.GetAsync("/questions");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("/account/login", await home.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }
}
