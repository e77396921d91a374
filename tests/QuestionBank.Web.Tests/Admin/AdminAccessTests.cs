using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Admin;

namespace QuestionBank.Web.Tests.Admin;

public sealed class AdminAccessTests : AppPerTestBase
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/import")]
    public async Task AnonymousVisitorsOfAdminPagesAreSentToSignIn(string path) =>
        await App.AssertSendsAnonymousVisitorsToSignInAsync(path, "/admin/login");

    [Fact]
    public async Task SignedInNonAdminsGet403FromAdminPagesAndApi()
    {
        await App.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AccountService>().SaveAsync("reader@questionbank.test", "a long reader password", isAdmin: false, default);
            return true;
        });
        var client = await App.SignInAsync("reader@questionbank.test", "a long reader password");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task TheConfiguredFirstAdminCanSignInAndSeeTheAdminPage()
    {
        var client = await App.SignInAsync();

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Imports", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithoutACookie()
    {
        var client = App.CreateBrowserLikeClient();

        var response = await AdminSession.PostLoginAsync(client, QuestionBankApp.AdminEmail, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("qb.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSignInCookieIsHttpOnlyAndSameSiteStrict()
    {
        var client = App.CreateBrowserLikeClient();

        var response = await AdminSession.PostLoginAsync(client, QuestionBankApp.AdminEmail, QuestionBankApp.AdminPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("qb.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ASignInPostWithoutAnAntiforgeryTokenIsRejected()
    {
        var client = App.CreateBrowserLikeClient();
        await client.GetAsync("/admin/login");

        var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = QuestionBankApp.AdminEmail,
            ["Password"] = QuestionBankApp.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignInAttemptsBeyondTheLimitGet429()
    {
        var client = App.CreateBrowserLikeClient();

        await RateLimit.AssertRefusesTheAttemptAfterAsync(
            new AdminOptions().LoginAttemptsPerMinute,
            HttpStatusCode.OK,
            attempt => AdminSession.PostLoginAsync(client, QuestionBankApp.AdminEmail, "guessing " + attempt));
    }

    [Fact]
    public async Task SignInOnlyRedirectsToLocalAddresses()
    {
        var client = App.CreateBrowserLikeClient();

        var response = await client.PostFormAsync("/admin/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new()
        {
            ["Email"] = QuestionBankApp.AdminEmail,
            ["Password"] = QuestionBankApp.AdminPassword,
        });

        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }
}
