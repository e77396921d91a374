using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;

namespace QuestionBank.Data.Queries;

/// <summary>Read side of the bank: browsing, one question, search.</summary>
public sealed class QuestionQueries(QuestionBankDbContext db)
{
    private const int SimilarCount = 5;
    private const int SimilarCandidates = 200;

    public async Task<IReadOnlyList<DocumentSummary>> GetDocumentsAsync(CancellationToken cancellationToken = default)
    {
        var documents = await db.Documents.AsNoTracking()
            .OrderBy(d => d.Slug)
            .Select(d => new
            {
                d.Slug,
                d.Title,
                Sections = d.Sections.OrderBy(s => s.Position)
                    .Select(s => new SectionSummary(s.Position, s.Title, s.Questions.Count))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        return documents
            .Select(d => new DocumentSummary(d.Slug, d.Title, d.Sections.Sum(s => s.QuestionCount), d.Sections))
            .ToList();
    }

    public async Task<Paged<QuestionListItem>> ListAsync(QuestionFilter filter, CancellationToken cancellationToken = default)
    {
        var query = db.Questions.AsNoTracking();
        if (filter.Document is not null)
        {
            query = query.Where(q => q.Document.Slug == filter.Document);
        }

        if (filter.Section is not null)
        {
            query = query.Where(q => q.Section.Position == filter.Section);
        }

        if (filter.Kind is not null)
        {
            query = query.Where(q => q.Kind == filter.Kind);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(q => q.Document.Slug).ThenBy(q => q.Position)
            .Skip((filter.Page - 1) * filter.PageSize)
            .Take(filter.PageSize)
            .Select(q => new QuestionListItem(
                q.Slug, q.Number, q.Title, q.Kind, q.Document.Slug, q.Document.Title, q.Section.Position, q.Section.Title))
            .ToListAsync(cancellationToken);
        return new Paged<QuestionListItem>(total, filter.Page, filter.PageSize, items);
    }

    public async Task<QuestionDetail?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var question = await db.Questions.AsNoTracking()
            .Where(q => q.Slug == slug)
            .Select(q => new
            {
                q.Id,
                q.Slug,
                q.Number,
                q.Title,
                q.Kind,
                Document = q.Document.Slug,
                DocumentTitle = q.Document.Title,
                Section = q.Section.Position,
                SectionTitle = q.Section.Title,
                q.BodyMarkdown,
                q.SearchTitle,
                Previous = db.Questions
                    .Where(p => p.DocumentId == q.DocumentId && p.Position < q.Position)
                    .OrderByDescending(p => p.Position)
                    .Select(p => new QuestionLink(p.Slug, p.Title))
                    .FirstOrDefault(),
                Next = db.Questions
                    .Where(n => n.DocumentId == q.DocumentId && n.Position > q.Position)
                    .OrderBy(n => n.Position)
                    .Select(n => new QuestionLink(n.Slug, n.Title))
                    .FirstOrDefault(),
                Parts = q.Parts.OrderBy(p => p.Position).Select(p => new QuestionPart(p.Kind, p.Label, p.Markdown)).ToList(),
                Code = q.CodeBlocks.OrderBy(c => c.Position).Select(c => new CodeSample(c.Language, c.Code)).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return null;
        }

        var similar = await SimilarAsync(question.Id, question.SearchTitle, cancellationToken);

        return new QuestionDetail(
            question.Slug, question.Number, question.Title, question.Kind, question.Document, question.DocumentTitle,
            question.Section, question.SectionTitle, question.BodyMarkdown, question.Parts, question.Code,
            question.Previous, question.Next, similar);
    }

    /// <summary>
    /// Questions whose titles share this one's terms (the seeds repeat questions across documents):
    /// first those sharing all of them, then the best of a bounded set sharing any, so a title made
    /// of common words cannot make the page rank the whole bank.
    /// </summary>
    private async Task<IReadOnlyList<QuestionLink>> SimilarAsync(long id, string searchTitle, CancellationToken cancellationToken)
    {
        var terms = searchTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Select(t => $"'{t}'").ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        var all = string.Join(" & ", terms);
        var any = string.Join(" | ", terms);
        return await db.Database.SqlQuery<QuestionLink>($"""
            WITH candidates AS (
                (SELECT id, slug, title, title_vector, 1 AS tier
                 FROM questions WHERE title_vector @@ to_tsquery('english', {all}) AND id <> {id} AND NOT is_hidden
                 LIMIT {SimilarCount})
                UNION ALL
                (SELECT id, slug, title, title_vector, 2 AS tier
                 FROM questions WHERE title_vector @@ to_tsquery('english', {any}) AND id <> {id} AND NOT is_hidden
                 LIMIT {SimilarCandidates}))
            SELECT slug, title
            FROM (SELECT DISTINCT ON (id) id, slug, title, tier, ts_rank(title_vector, to_tsquery('english', {any})) AS rank
                  FROM candidates ORDER BY id, tier) best
            ORDER BY tier, rank DESC, id
            LIMIT {SimilarCount}
            """).ToListAsync(cancellationToken);
    }

    /// <remarks>
    /// Raw SQL columns are snake_case: the naming convention maps result types too. Raw SQL does not
    /// get the hidden-question query filter, so it says NOT is_hidden itself.
    /// </remarks>
    public async Task<Paged<SearchHit>> SearchAsync(string text, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var tsQuery = ToTsQuery(SearchTokenizer.Tokenize(text));
        if (tsQuery.Length == 0)
        {
            return new Paged<SearchHit>(0, page, pageSize, []);
        }

        // Title matches form the first tier (score 1 + title rank) and body-only matches the second
        // (score = body rank), so a page only ranks the tiers it shows: ranking a common term's
        // thousands of body matches is the costly part and is skipped while titles fill the page.
        // The query text is repeated rather than put in a CTE: as a constant the planner folds it,
        // and the GIN index then answers without rechecking (detoasting) every matching vector.
        var offset = (page - 1) * pageSize;
        var rows = await db.Database.SqlQuery<SearchRow>($"""
            WITH counts AS MATERIALIZED (
                SELECT (SELECT count(*) FROM questions WHERE search_vector @@ to_tsquery('english', {tsQuery}) AND NOT is_hidden)::int AS total,
                       (SELECT count(*) FROM questions WHERE title_vector @@ to_tsquery('english', {tsQuery}) AND NOT is_hidden)::int AS titled),
            title_page AS MATERIALIZED (
                SELECT id, (1 + ts_rank(title_vector, to_tsquery('english', {tsQuery})))::float8 AS score
                FROM questions
                WHERE title_vector @@ to_tsquery('english', {tsQuery}) AND NOT is_hidden
                ORDER BY score DESC, id
                LIMIT {pageSize} OFFSET {offset}),
            body_page AS MATERIALIZED (
                SELECT id, ts_rank(search_vector, to_tsquery('english', {tsQuery}))::float8 AS score
                FROM questions
                WHERE {offset + pageSize} > (SELECT titled FROM counts)
                  AND search_vector @@ to_tsquery('english', {tsQuery})
                  AND NOT title_vector @@ to_tsquery('english', {tsQuery})
                  AND NOT is_hidden
                ORDER BY score DESC, id
                LIMIT {pageSize} - (SELECT count(*) FROM title_page)
                OFFSET greatest(0, {offset} - (SELECT titled FROM counts))),
            page AS (SELECT id, score FROM title_page UNION ALL SELECT id, score FROM body_page)
            SELECT q.slug, q.title, d.slug AS document, q.body_text, page.score, counts.total
            FROM counts
            LEFT JOIN (page JOIN questions q ON q.id = page.id JOIN documents d ON d.id = q.document_id) ON true
            ORDER BY page.score DESC, q.id
            """).ToListAsync(cancellationToken);

        // The counts row comes back alone, with no question, when the page is past the end.
        var hits = rows
            .Where(r => r.Slug is not null)
            .Select(r => new SearchHit(r.Slug!, r.Title!, r.Document!, SnippetBuilder.Build(r.BodyText!, text), Math.Round(r.Score!.Value, 4)))
            .ToList();
        return new Paged<SearchHit>(rows[0].Total, page, pageSize, hits);
    }

    /// <summary>ANDs every term; terms hold only letters and digits, so quoting them is enough.</summary>
    private static string ToTsQuery(SearchTerms terms)
    {
        var latin = terms.Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"'{w}'");
        // A lone character can only be found as the start of an indexed bigram.
        var cjk = terms.Cjk.Select(t => t.Length == 1 ? $"'{t}':*" : $"'{t}'");
        return string.Join(" & ", latin.Concat(cjk));
    }

    private sealed record SearchRow(string? Slug, string? Title, string? Document, string? BodyText, double? Score, int Total);
}
