namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>The check of a per-client limit: every attempt it allows goes through, and the next is refused with 429.</summary>
public static class RateLimit
{
    /// <summary>
    /// Makes <paramref name="perMinute"/> + 1 attempts in a row and asserts that all but the last get
    /// <paramref name="allowed"/> and the last gets 429 Too Many Requests.
    /// </summary>
    public static async Task AssertRefusesTheAttemptAfterAsync(int perMinute, HttpStatusCode allowed, Func<int, Task<HttpResponseMessage>> attempt)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < perMinute + 1; i++)
        {
            statuses.Add((await attempt(i)).StatusCode);
        }

        Assert.All(statuses[..^1], status => Assert.Equal(allowed, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
