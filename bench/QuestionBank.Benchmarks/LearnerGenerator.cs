using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Data;
using QuestionBank.Data.Embedded;

namespace QuestionBank.Benchmarks;

/// <summary>
/// Learners with a history: a few signed up through the API (they sign in and send the load), the
/// rest inserted in bulk; every one gets cards and a review log made in SQL with generate_series,
/// so 10,000 learners of 1,000 reviews (10M log rows) take minutes, not hours.
/// </summary>
public static class LearnerGenerator
{
    /// <summary>Each card has been rated this many times, so a learner of R reviews has R / this cards.</summary>
    public const int ReviewsPerCard = 5;

    public const string Password = "a benchmark learner's password";

    public sealed record Learners(int Accounts, long Cards, long Reviews, double Seconds, IReadOnlyList<SignedInLearner> SignedIn);

    /// <summary>A learner's browser: its cookies and its antiforgery header.</summary>
    public sealed record SignedInLearner(HttpClient Client, string HeaderName, string Token);

    public static async Task<Learners> BuildAsync(EmbeddedPostgres cluster, Uri web, int learners, int reviewsPerLearner, int signedIn)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await BankContext.OpenAsync(cluster, BankGenerator.Database);
        // A cluster kept with --data-directory already holds them: sign in again instead.
        var reused = await db.Accounts.AnyAsync(a => a.Email == Email(0));
        var sessions = new List<SignedInLearner>();
        for (var i = 0; i < Math.Min(signedIn, learners); i++)
        {
            sessions.Add(await SignInAsync(web, Email(i), reused ? "/api/account/login" : "/api/account/signup"));
        }

        if (!reused)
        {
            await GenerateAsync(db, learners - sessions.Count, Math.Max(1, reviewsPerLearner / ReviewsPerCard));
        }

        var cards = await db.ReviewCards.LongCountAsync();
        var reviews = await db.ReviewLog.LongCountAsync();
        return new Learners(learners, cards, reviews, watch.Elapsed.TotalSeconds, sessions);
    }

    private static string Email(int i) => $"load-{i}@bench.test";

    private static async Task GenerateAsync(QuestionBankDbContext db, int bulkLearners, int cardsPerLearner)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO accounts (email, normalized_email, password_hash, role, security_stamp, created_at)
            SELECT 'bulk-' || n || '@bench.test', 'BULK-' || n || '@BENCH.TEST', 'no sign-in', 'Learner', md5(n::text), now()
            FROM generate_series(1, {bulkLearners}) AS n
            """);
        // Cards on distinct questions per learner (the offset walks the bank), due from ten days ago to twenty days ahead.
        await db.Database.ExecuteSqlAsync($"""
            WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM questions),
                 total AS (SELECT count(*) AS n FROM questions)
            INSERT INTO review_cards (account_id, question_id, state, stability, difficulty, due, last_review, created_at)
            SELECT a.id, numbered.id, 'Review', 5 + random() * 60, 1 + random() * 9,
                now() + (random() * 30 - 10) * interval '1 day', now() - interval '5 days', now() - interval '200 days'
            FROM accounts a
            CROSS JOIN generate_series(0, LEAST({cardsPerLearner}, (SELECT n FROM total)) - 1) AS k
            JOIN numbered ON numbered.i = (a.id * 7919 + k) % (SELECT n FROM total)
            WHERE a.role = 'Learner'
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO review_log (card_id, rating, reviewed_at, state_before)
            SELECT c.id, 1 + (c.id + r) % 4, c.created_at + r * interval '30 days', CASE WHEN r = 0 THEN 'New' ELSE 'Review' END
            FROM review_cards c CROSS JOIN generate_series(0, {ReviewsPerCard - 1}) AS r
            """);
        // One statement a command: VACUUM refuses to run in the implicit transaction of a batch.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE accounts");
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE review_cards");
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE review_log");
    }

    /// <summary>A browser of the learner, signed up or signed in through <paramref name="path"/>.</summary>
    private static async Task<SignedInLearner> SignInAsync(Uri web, string email, string path)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new() }) { BaseAddress = web, Timeout = TimeSpan.FromMinutes(5) };
        var signIn = await SendAsync(client, HttpMethod.Post, path, new { email, password = Password });
        signIn.EnsureSuccessStatusCode();
        var token = await client.GetFromJsonAsync<JsonElement>("/api/account/antiforgery");
        return new SignedInLearner(client, token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString()!);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        var token = await client.GetFromJsonAsync<JsonElement>("/api/account/antiforgery");
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
