using Microsoft.EntityFrameworkCore;

namespace QuestionBank.Data;

/// <summary>Whether a schema (of a database, or in a backup) is one this build of QuestionBank knows.</summary>
public static class SchemaVersion
{
    /// <summary>The migrations of <paramref name="applied"/> this build does not have: a newer version made them.</summary>
    public static IReadOnlyList<string> Unknown(QuestionBankDbContext db, IEnumerable<string> applied)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        return [.. applied.Where(migration => !known.Contains(migration))];
    }

    /// <summary>Why <paramref name="what"/> is refused: its schema is newer than this build.</summary>
    public static string NewerThanThisVersion(string what, IReadOnlyList<string> unknown) =>
        $"{what} has a schema newer than this version of QuestionBank knows (migration {string.Join(", ", unknown)}). " +
        "Run the version that made it, or a later one.";
}
