using System.Security.Cryptography;

namespace QuestionBank.Web.Runs;

/// <summary>
/// Who submitted a run, for "your best" and the per-client cap: a random id in a long-lived,
/// HttpOnly cookie, set on the first visit to an exercise.
/// </summary>
public static class ClientKeys
{
    public const string CookieName = "qb.client";

    public static string? Find(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var key) && key.Length == 32 && key.All(char.IsAsciiHexDigitLower)
            ? key
            : null;

    public static string GetOrCreate(HttpContext context)
    {
        if (Find(context) is { } existing)
        {
            return existing;
        }
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return key;
    }
}
