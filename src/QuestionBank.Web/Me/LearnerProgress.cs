using Microsoft.Extensions.Options;
using QuestionBank.Core.Learning;
using QuestionBank.Data.Learners;
using QuestionBank.Data.Reviews;
using QuestionBank.Web.Reviews;

namespace QuestionBank.Web.Me;

/// <summary>A learner's progress as /me and <c>GET /api/me/progress</c> show it, on the learner's day (their time zone, the app's clock).</summary>
public sealed class LearnerProgress(
    ProgressQueries progress, LearnerSettingsStore settings, ReviewStore reviews, TimeProvider clock, IOptions<ReviewOptions> options)
{
    public async Task<ProgressReport> GetAsync(long accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = LearnerSettingsStore.Zone(await settings.GetAsync(accountId, cancellationToken));
        var today = ReviewCalendar.DayOf(now, zone);
        // A day longer than a year back, so the heatmap's first week is whole.
        var since = ReviewCalendar.StartOf(today.AddDays(-7 * ReviewCalendar.Weeks), zone);
        var calendar = new ReviewCalendar(await progress.GetReviewTimesAsync(accountId, since, cancellationToken), now, zone);
        var forecast = await progress.GetForecastAsync(accountId, ReviewCalendar.StartOf(today.AddDays(1), zone), cancellationToken);
        var queue = await reviews.GetDueAsync(accountId, now, 1, options.Value.NewCardsPerDay, cancellationToken);
        return new ProgressReport(
            await progress.GetCountsAsync(accountId, cancellationToken), forecast, queue.NewCount, calendar, zone.Id);
    }
}

/// <summary>Everything /me shows; <see cref="NewToday"/> is what is left of today's new cards.</summary>
public sealed record ProgressReport(
    IReadOnlyList<DocumentProgress> Documents, DueForecast Forecast, int NewToday, ReviewCalendar Calendar, string TimeZone);
