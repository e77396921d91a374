using System.Globalization;
using System.Text;
using QuestionBank.Data.Exports;

namespace QuestionBank.Web.Exports;

/// <summary>
/// A learner's progress and notes as CSV (RFC 4180): one row per question the learner has a card, a
/// bookmark or a note on: those with a card first, in bank order, then those with only a bookmark or a
/// note. Every field is quoted,
/// and a field a spreadsheet would read as a formula (=, +, -, @) is prefixed with an apostrophe (OWASP
/// CSV injection).
/// </summary>
public static class ProgressCsv
{
    private static readonly string[] Header =
        ["document", "section", "slug", "title", "state", "due", "stability", "difficulty", "reviews", "lapses", "last_review", "bookmarked", "note"];

    public static string Write(LearnerData data)
    {
        var bookmarked = data.Bookmarks.Select(b => b.Slug).ToHashSet(StringComparer.Ordinal);
        var notes = data.Notes.ToDictionary(n => n.Slug, n => n.Markdown, StringComparer.Ordinal);
        var csv = new StringBuilder();
        AppendRow(csv, Header);
        foreach (var card in data.Cards)
        {
            AppendRow(csv,
            [
                card.Document, card.Section, card.Slug, card.Title, card.State.ToString().ToLowerInvariant(), Timestamp(card.Due),
                Number(card.Stability), Number(card.Difficulty), card.Reviews.Count.ToString(CultureInfo.InvariantCulture),
                card.Reviews.Count(r => r.Rating == Core.Learning.Rating.Again).ToString(CultureInfo.InvariantCulture),
                card.LastReview is { } last ? Timestamp(last) : "",
                bookmarked.Contains(card.Slug) ? "yes" : "", notes.GetValueOrDefault(card.Slug, ""),
            ]);
        }
        var carded = data.Cards.Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);
        var uncarded = data.Bookmarks.Select(b => (b.Document, b.Section, b.Slug, b.Title))
            .Concat(data.Notes.Select(n => (n.Document, n.Section, n.Slug, n.Title)))
            .Where(q => !carded.Contains(q.Slug))
            .DistinctBy(q => q.Slug);
        foreach (var (document, section, slug, title) in uncarded)
        {
            AppendRow(csv, [document, section, slug, title, "", "", "", "", "", "", "", bookmarked.Contains(slug) ? "yes" : "", notes.GetValueOrDefault(slug, "")]);
        }
        return csv.ToString();
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote));
        csv.Append("\r\n");
    }

    private static string Quote(string field)
    {
        var safe = field is [('=' or '+' or '-' or '@' or '\t' or '\r'), ..] ? "'" + field : field;
        return $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
