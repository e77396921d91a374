namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>A learner's script on the account API: cookie sign-in, and the antiforgery header on every change.</summary>
public static class LearnerSession
{
    public const string Password = "a learner's long password";

    /// <summary>An email no other test signs up with, so that tests sharing an app and its database stay apart.</summary>
    public static string NewEmail() => $"learner-{Guid.NewGuid():N}@questionbank.test";

    /// <summary>Sends <paramref name="method"/> with a JSON body and a fresh antiforgery token (tokens belong to who is signed in).</summary>
    public static async Task<HttpResponseMessage> SendWithTokenAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var token = await client.GetFromJsonAsync<JsonElement>("/api/account/antiforgery");
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string path, object? body = null) =>
        client.SendWithTokenAsync(HttpMethod.Post, path, body);

    /// <summary>Submits the header's language switch (a form with the antiforgery token of a page the client sees) as a browser does.</summary>
    public static Task<HttpResponseMessage> SwitchLanguageAsync(this HttpClient client, string culture, string returnUrl = "/") =>
        client.PostFormAsync("/language", new() { ["culture"] = culture, ["returnUrl"] = returnUrl }, formPage: "/exercises");

    /// <summary>A new browser-like client signed in as <paramref name="email"/>: after the test clock moves by days, the old cookie has expired.</summary>
    public static async Task<HttpClient> SignInLearnerAsync(this QuestionBankApp app, string email, string password = Password)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.PostWithTokenAsync("/api/account/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>A new browser-like client signed up (and so signed in) as a learner no other test is.</summary>
    public static Task<HttpClient> SignUpNewLearnerAsync(this QuestionBankApp app) => app.SignUpLearnerAsync(NewEmail());

    /// <summary>A new browser-like client signed up (and so signed in) as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignUpLearnerAsync(this QuestionBankApp app, string email, string password = Password)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.PostWithTokenAsync("/api/account/signup", new { email, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return client;
    }
}
