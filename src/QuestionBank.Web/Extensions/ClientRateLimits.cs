using System.Threading.RateLimiting;

namespace QuestionBank.Web.Extensions;

/// <summary>The app's one per-client limiter: so many requests a minute per client address, no queueing.</summary>
public static class ClientRateLimits
{
    public static RateLimitPartition<string> PerMinute(HttpContext context, int permitLimit) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
