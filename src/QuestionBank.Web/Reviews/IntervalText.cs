using Microsoft.Extensions.Localization;

namespace QuestionBank.Web.Reviews;

/// <summary>An interval as a grade button shows it, as Anki does: "10 min", "3 d", "1.5 mo".</summary>
public static class IntervalText
{
    public static string Format(TimeSpan interval, IStringLocalizer text) => interval switch
    {
        { TotalHours: < 1 } => text["{0} min", Math.Max(1, (int)Math.Round(interval.TotalMinutes))],
        { TotalDays: < 1 } => text["{0} h", (int)Math.Round(interval.TotalHours)],
        { TotalDays: < 30 } => text["{0} d", (int)Math.Round(interval.TotalDays)],
        { TotalDays: < 365 } => text["{0} mo", Math.Round(interval.TotalDays / 30, 1)],
        _ => text["{0} y", Math.Round(interval.TotalDays / 365, 1)],
    };
}
