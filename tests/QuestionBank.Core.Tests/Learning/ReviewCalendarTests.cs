using QuestionBank.Core.Learning;

namespace QuestionBank.Core.Tests.Learning;

public sealed class ReviewCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void TheStreakCountsConsecutiveDaysEndingToday()
    {
        var now = At(2026, 11, 26, 12);
        var calendar = new ReviewCalendar([now, now.AddDays(-1), now.AddDays(-1), now.AddDays(-2), now.AddDays(-4)], now, TimeZoneInfo.Utc);

        Assert.Equal(3, calendar.Streak);
    }

    [Fact]
    public void AStreakThatEndedYesterdayStandsUntilTodayIsOver()
    {
        var now = At(2026, 11, 26, 12);

        Assert.Equal(2, new ReviewCalendar([now.AddDays(-1), now.AddDays(-2)], now, TimeZoneInfo.Utc).Streak);
        Assert.Equal(0, new ReviewCalendar([now.AddDays(-2), now.AddDays(-3)], now, TimeZoneInfo.Utc).Streak);
        Assert.Equal(0, new ReviewCalendar([], now, TimeZoneInfo.Utc).Streak);
    }

    [Fact]
    public void DaysAreTheLearnersDaysInTheirTimeZone()
    {
        // 17:00 and 23:00 UTC on the 25th: one day in UTC, but the 26th and the 26th in Shanghai (UTC+8)
        // and the 25th and the 25th in New York. 01:00 UTC on the 25th is the 24th in New York.
        var now = At(2026, 11, 26, 1);
        DateTimeOffset[] reviews = [At(2026, 11, 25, 17), At(2026, 11, 25, 23), At(2026, 11, 25, 1)];

        var utc = new ReviewCalendar(reviews, now, TimeZoneInfo.Utc);
        var shanghai = new ReviewCalendar(reviews, now, Shanghai);
        var newYork = new ReviewCalendar(reviews, now, NewYork);

        Assert.Equal(new DateOnly(2026, 11, 26), utc.Today);
        Assert.Equal(3, utc.Reviews(new DateOnly(2026, 11, 25)));
        Assert.Equal(1, utc.Streak);
        Assert.Equal(2, shanghai.Reviews(new DateOnly(2026, 11, 26)));
        Assert.Equal(1, shanghai.Reviews(new DateOnly(2026, 11, 25)));
        Assert.Equal(2, shanghai.Streak);
        Assert.Equal(new DateOnly(2026, 11, 25), newYork.Today);
        Assert.Equal(2, newYork.Reviews(new DateOnly(2026, 11, 25)));
        Assert.Equal(1, newYork.Reviews(new DateOnly(2026, 11, 24)));
        Assert.Equal(2, newYork.Streak);
    }

    [Fact]
    public void TheHeatmapShowsFiftyThreeWeeksFromAMondayToTodayWithShadesByCount()
    {
        var now = At(2026, 11, 26, 12); // a Thursday
        var reviews = Enumerable.Repeat(now, 40).Concat(Enumerable.Repeat(now.AddDays(-1), 3)).ToList();

        var calendar = new ReviewCalendar(reviews, now, TimeZoneInfo.Utc);
        var cells = calendar.Cells.ToList();

        Assert.Equal(DayOfWeek.Monday, calendar.FirstDay.DayOfWeek);
        Assert.Equal(52 * 7 + 4, cells.Count);
        Assert.Equal((calendar.FirstDay, 0, 0), (cells[0].Day, cells[0].Week, cells[0].Row));
        Assert.Equal((calendar.Today, ReviewCalendar.Weeks - 1, 3), (cells[^1].Day, cells[^1].Week, cells[^1].Row));
        Assert.Equal((40, 4), (cells[^1].Reviews, cells[^1].Level));
        Assert.Equal((3, 1), (cells[^2].Reviews, cells[^2].Level));
        Assert.Equal(43, calendar.ReviewsThisYear);
        Assert.All(cells.SkipLast(2), cell => Assert.Equal(0, cell.Level));
    }

    [Fact]
    public void ADayStartsAtLocalMidnightOrWhenTheClocksJumpOverIt()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8)), ReviewCalendar.StartOf(new DateOnly(2026, 11, 26), Shanghai));
        // Santiago moves its clocks from 00:00 to 01:00 on the first Sunday of September.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var start = ReviewCalendar.StartOf(new DateOnly(2026, 9, 6), santiago);
        Assert.Equal(new DateOnly(2026, 9, 6), ReviewCalendar.DayOf(start, santiago));
        Assert.Equal(new DateOnly(2026, 9, 5), ReviewCalendar.DayOf(start.AddMinutes(-1), santiago));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
