using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Signs in through the real login form, antiforgery token and all, and calls the admin API as that user.</summary>
public static partial class AdminSession
{
    public static HttpClient CreateBrowserLikeClient(this QuestionBankApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Asserts that an anonymous visitor of <paramref name="path"/> is redirected to <paramref name="signInPage"/>, which is to send them back there.</summary>
    public static async Task AssertSendsAnonymousVisitorsToSignInAsync(this QuestionBankApp app, string path, string signInPage)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{signInPage}?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{path} has no antiforgery token field.");
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="action"/> as a browser submits a form: with the antiforgery token of
    /// <paramref name="formPage"/>, by default the action's own page. Tokens belong to one user: the form page is one with
    /// a form for whoever <paramref name="client"/> is signed in as.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string action, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await FormTokenAsync(client, formPage ?? action.Split('?')[0]);
        return await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/admin/login", new() { ["Email"] = email, ["Password"] = password });

    public static Task<HttpClient> SignInAsync(
        this QuestionBankApp app, string email = QuestionBankApp.AdminEmail, string password = QuestionBankApp.AdminPassword) =>
        app.CreateBrowserLikeClient().SignInAsync(email, password);

    /// <summary>Signs <paramref name="client"/> in, which keeps cookies and does not follow redirects.</summary>
    public static async Task<HttpClient> SignInAsync(
        this HttpClient client, string email = QuestionBankApp.AdminEmail, string password = QuestionBankApp.AdminPassword)
    {
        var response = await PostLoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Uploads files to the import API with the antiforgery header a script would send.</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(this HttpClient client, bool dryRun, params (string Name, byte[] Content)[] files)
    {
        var token = await client.GetFromJsonAsync<JsonElement>("/api/admin/antiforgery");
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
            form.Add(part, "files", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/imports?dryRun={(dryRun ? "true" : "false")}") { Content = form };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
