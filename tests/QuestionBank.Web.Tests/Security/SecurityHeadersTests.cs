using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Security;

/// <summary>The Content-Security-Policy and the other security headers, and pages that need nothing the policy refuses.</summary>
public sealed partial class SecurityHeadersTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task EveryPageCarriesTheSecurityHeadersAndHasNoInlineScriptOrEventHandler()
    {
        var exerciseQuestion = await ExerciseQuestions.SlugAsync(Client, "cnn");
        var submitted = await Client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", source = "<script>alert(1)</script>" });
        var run = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = await App.SignInAsync();
        (HttpClient Client, string Path, HttpStatusCode Status)[] pages =
        [
            (Client, "/", HttpStatusCode.OK),
            (Client, "/questions?kind=coding", HttpStatusCode.OK),
            (Client, $"/questions/{exerciseQuestion}", HttpStatusCode.OK),
            (Client, "/search?q=" + Uri.EscapeDataString("过拟合"), HttpStatusCode.OK),
            (Client, $"/runs/{run}", HttpStatusCode.OK),
            (Client, "/admin/login", HttpStatusCode.OK),
            (Client, "/no-such-page", HttpStatusCode.NotFound),
            (admin, "/admin", HttpStatusCode.OK),
            (admin, "/admin/import", HttpStatusCode.OK),
            (admin, $"/questions/{exerciseQuestion}", HttpStatusCode.OK),
        ];

        foreach (var (client, path, status) in pages)
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(status, response.StatusCode);
            AssertSecurityHeaders(response, path);
            Assert.True(!HtmlMarkup.InlineScripts(html).Any(), $"{path} has an inline script.");
            Assert.True(!HtmlMarkup.EventHandlerAttributes(html).Any(), $"{path} has an event-handler attribute.");
            Assert.True(!HtmlMarkup.Tags(html).Any(tag => tag.Attributes.ContainsKey("style")), $"{path} has a style attribute.");
            // Every "<script" in the page is a start tag the checks above have seen.
            Assert.Equal(ScriptStart().Count(html), HtmlMarkup.Tags(html).Count(tag => tag.Name == "script"));
            Assert.Contains(HtmlMarkup.Tags(html), tag => tag.Name == "script" && tag.Attributes.GetValueOrDefault("src", "").StartsWith("/js/site.js", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/js/site.js")]
    [InlineData("/api/questions")]
    [InlineData("/api/questions/no-such-question")]
    [InlineData("/health/live")]
    public async Task StaticFilesAndApiResponsesCarryTheSecurityHeadersToo(string path)
    {
        using var response = await Client.GetAsync(path);

        AssertSecurityHeaders(response, path);
    }

    [Fact]
    public async Task ThePolicyRunsOnlyTheSitesOwnScriptsAndAllowsNoInlineStyleWithoutTheNonce()
    {
        using var first = await Client.GetAsync("/");
        using var second = await Client.GetAsync("/");

        var policy = Directives(first);
        Assert.Equal(["'self'"], policy["default-src"]);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"][0]);
        Assert.Matches("^'nonce-[A-Za-z0-9+/]{22}=='$", Assert.Single(policy["style-src"].Skip(1)));
        Assert.Equal(["'self'", "data:"], policy["img-src"]);
        Assert.Equal(["'none'"], policy["object-src"]);
        Assert.Equal(["'self'"], policy["base-uri"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal(["'self'"], policy["form-action"]);
        Assert.DoesNotContain("'unsafe-inline'", first.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("'unsafe-eval'", first.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotEqual(policy["style-src"][1], Directives(second)["style-src"][1]);
    }

    [Fact]
    public async Task TheExerciseScriptCarriesThisResponsesStyleNonceForTheEditor()
    {
        using var response = await Client.GetAsync($"/questions/{await ExerciseQuestions.SlugAsync(Client, "lstm")}");
        var html = await response.Content.ReadAsStringAsync();

        var script = Assert.Single(HtmlMarkup.Tags(html), tag => tag.Name == "script" && tag.Attributes.GetValueOrDefault("src", "").StartsWith("/js/exercise.js", StringComparison.Ordinal));
        Assert.Equal($"'nonce-{script.Attributes["nonce"]}'", Directives(response)["style-src"][1]);
    }

    [Fact]
    public async Task TheAdminsDeleteButtonAsksForConfirmationThroughADataAttribute()
    {
        using var admin = await App.SignInAsync();

        var html = await admin.GetStringAsync($"/questions/{await ExerciseQuestions.SlugAsync(Client, "cnn")}");

        var form = Assert.Single(HtmlMarkup.Tags(html), tag => tag.Name == "form" && tag.Attributes.GetValueOrDefault("action", "").Contains("handler=Delete", StringComparison.Ordinal));
        Assert.Equal("Delete this question until its document is imported again?", form.Attributes["data-confirm"]);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string path)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policy), $"{path} has no Content-Security-Policy.");
        Assert.StartsWith("default-src 'self'; script-src 'self'; ", Assert.Single(policy), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private static Dictionary<string, string[]> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..]);

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptStart();
}
