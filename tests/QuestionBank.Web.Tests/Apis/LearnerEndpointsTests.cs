using System.Net;
using QuestionBank.Web.Tests.Infrastructure;

namespace QuestionBank.Web.Tests.Apis;

/// <summary>Every API of the learner's own things is a learner group (MapLearnerGroup): no sign-in, no entry.</summary>
public sealed class LearnerEndpointsTests(SeededApp app) : SharedAppTestBase(app)
{
    [Theory]
    [InlineData("GET", "/api/me/progress")]
    [InlineData("GET", "/api/me/settings")]
    [InlineData("PUT", "/api/me/settings")]
    [InlineData("GET", "/api/me/bookmarks")]
    [InlineData("PUT", "/api/me/bookmarks/some-slug")]
    [InlineData("DELETE", "/api/me/bookmarks/some-slug")]
    [InlineData("GET", "/api/me/notes?q=x")]
    [InlineData("GET", "/api/me/notes/some-slug")]
    [InlineData("PUT", "/api/me/notes/some-slug")]
    [InlineData("DELETE", "/api/me/notes/some-slug")]
    [InlineData("GET", "/api/me/runs")]
    [InlineData("GET", "/api/me/export.json")]
    [InlineData("GET", "/api/me/export.csv")]
    [InlineData("GET", "/api/me/export.apkg")]
    [InlineData("GET", "/api/me/export.apkg?document=anything")]
    [InlineData("GET", "/api/reviews/due")]
    [InlineData("POST", "/api/reviews")]
    [InlineData("GET", "/api/reviews/some-slug")]
    public async Task AnonymousCallersGet401(string method, string path)
    {
        var response = await App.CreateBrowserLikeClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
