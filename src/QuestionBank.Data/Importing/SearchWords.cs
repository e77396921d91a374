using Microsoft.EntityFrameworkCore;

namespace QuestionBank.Data.Importing;

/// <summary>
/// Keeps <c>search_words</c> in step with the questions: an import takes a document's words away
/// before changing it and adds them back after, so the counts follow without a rebuild of the whole bank.
/// </summary>
internal static class SearchWords
{
    public const int MaxWordLength = 100;

    public static Task RemoveAsync(QuestionBankDbContext db, IReadOnlyCollection<string> documentSlugs, CancellationToken cancellationToken) =>
        ApplyAsync(db, documentSlugs, -1, cancellationToken);

    public static Task AddAsync(QuestionBankDbContext db, IReadOnlyCollection<string> documentSlugs, CancellationToken cancellationToken) =>
        ApplyAsync(db, documentSlugs, 1, cancellationToken);

    private static async Task ApplyAsync(QuestionBankDbContext db, IReadOnlyCollection<string> documentSlugs, int sign, CancellationToken cancellationToken)
    {
        if (documentSlugs.Count == 0)
        {
            return;
        }

        var slugs = documentSlugs.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_words (word, questions)
            SELECT w, {sign} * count(DISTINCT q.id)
            FROM questions q
            JOIN documents d ON d.id = q.document_id
            CROSS JOIN LATERAL unnest(string_to_array(q.search_title || ' ' || q.search_body, ' ')) AS w
            WHERE d.slug = ANY({slugs}) AND w <> '' AND length(w) <= {MaxWordLength}
            GROUP BY w
            ON CONFLICT (word) DO UPDATE SET questions = search_words.questions + excluded.questions
            """, cancellationToken);
    }
}
