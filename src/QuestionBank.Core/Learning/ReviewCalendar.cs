namespace QuestionBank.Core.Learning;

/// <summary>
/// A learner's reviews by day, in the learner's time zone: the current streak and the cells of a
/// year's heatmap (one column per week, Monday at the top, today's week last).
/// </summary>
public sealed class ReviewCalendar
{
    /// <summary>Columns in the heatmap: a year and the week it started in.</summary>
    public const int Weeks = 53;

    private readonly IReadOnlyDictionary<DateOnly, int> reviewsByDay;

    /// <summary>Buckets <paramref name="reviewedAt"/> into days of <paramref name="zone"/>; today is <paramref name="now"/>'s day there.</summary>
    /// <param name="reviewedAt">When each review happened.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="zone">The learner's time zone.</param>
    public ReviewCalendar(IEnumerable<DateTimeOffset> reviewedAt, DateTimeOffset now, TimeZoneInfo zone)
    {
        Today = DayOf(now, zone);
        reviewsByDay = reviewedAt.GroupBy(at => DayOf(at, zone)).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The learner's current day.</summary>
    public DateOnly Today { get; }

    /// <summary>The first day the heatmap shows: the Monday of the week 52 weeks before today's.</summary>
    public DateOnly FirstDay => StartOfWeek(Today).AddDays(-7 * (Weeks - 1));

    /// <summary>
    /// Consecutive days with at least one review, ending today; a streak that ended yesterday still
    /// counts until today is over, so it does not read 0 before the day's first review.
    /// </summary>
    public int Streak
    {
        get
        {
            var day = Reviews(Today) > 0 ? Today : Today.AddDays(-1);
            var streak = 0;
            for (; Reviews(day) > 0; day = day.AddDays(-1))
            {
                streak++;
            }

            return streak;
        }
    }

    /// <summary>Reviews in the days the heatmap shows.</summary>
    public int ReviewsThisYear => reviewsByDay.Where(d => d.Key >= FirstDay && d.Key <= Today).Sum(d => d.Value);

    /// <summary>The heatmap's cells, week by week (columns), Monday to Sunday (rows), up to today.</summary>
    public IEnumerable<HeatmapCell> Cells
    {
        get
        {
            var first = FirstDay;
            for (var day = first; day <= Today; day = day.AddDays(1))
            {
                var reviews = Reviews(day);
                yield return new HeatmapCell(day, (day.DayNumber - first.DayNumber) / 7, DayOfWeekIndex(day), reviews, Level(reviews));
            }
        }
    }

    /// <summary>Reviews on <paramref name="day"/>.</summary>
    public int Reviews(DateOnly day) => reviewsByDay.GetValueOrDefault(day);

    /// <summary>The day <paramref name="instant"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant <paramref name="day"/> begins in <paramref name="zone"/>, in UTC (what the database takes).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // A day that begins in a daylight-saving gap begins when the clocks jump.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Shade 0 (no reviews) to 4 (31 or more) of a day in the heatmap.</summary>
    public static int Level(int reviews) => reviews switch
    {
        0 => 0,
        <= 5 => 1,
        <= 15 => 2,
        <= 30 => 3,
        _ => 4,
    };

    private static int DayOfWeekIndex(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;

    private static DateOnly StartOfWeek(DateOnly day) => day.AddDays(-DayOfWeekIndex(day));
}

/// <summary>One day of the heatmap: its column (week), row (0 Monday … 6 Sunday), reviews and shade (see <see cref="ReviewCalendar.Level"/>).</summary>
public sealed record HeatmapCell(DateOnly Day, int Week, int Row, int Reviews, int Level);
