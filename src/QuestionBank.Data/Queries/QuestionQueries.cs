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
                q.DocumentId,
                q.Position,
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
                Parts = q.Parts.OrderBy(p => p.Position).Select(p => new QuestionPart(p.Kind, p.Label, p.Markdown)).ToList(),
                Code = q.CodeBlocks.OrderBy(c => c.Position).Select(c => new CodeSample(c.Language, c.Code)).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return null;
        }

        var neighbours = db.Questions.AsNoTracking().Where(q => q.DocumentId == question.DocumentId);
        var previous = await neighbours.Where(q => q.Position < question.Position).OrderByDescending(q => q.Position)
            .Select(q => new QuestionLink(q.Slug, q.Title)).FirstOrDefaultAsync(cancellationToken);
        var next = await neighbours.Where(q => q.Position > question.Position).OrderBy(q => q.Position)
            .Select(q => new QuestionLink(q.Slug, q.Title)).FirstOrDefaultAsync(cancellationToken);
        var similar = await SimilarAsync(question.Id, question.SearchTitle, cancellationToken);

        return new QuestionDetail(
            question.Slug, question.Number, question.Title, question.Kind, question.Document, question.DocumentTitle,
            question.Section, question.SectionTitle, question.BodyMarkdown, question.Parts, question.Code,
            previous, next, similar);
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
                 FROM questions WHERE title_vector @@ to_tsquery('english', {all}) AND id <> {id}
                 LIMIT {SimilarCount})
                UNION ALL
                (SELECT id, slug, title, title_vector, 2 AS tier
                 FROM questions WHERE title_vector @@ to_tsquery('english', {any}) AND id <> {id}
                 LIMIT {SimilarCandidates}))
            SELECT slug, title
            FROM (SELECT DISTINCT ON (id) id, slug, title, tier, ts_rank(title_vector, to_tsquery('english', {any})) AS rank
                  FROM candidates ORDER BY id, tier) best
            ORDER BY tier, rank DESC, id
            LIMIT {SimilarCount}
            """).ToListAsync(cancellationToken);
    }

    /// <remarks>Raw SQL columns are snake_case: the naming convention maps result types too.</remarks>
    public async Task<Paged<SearchHit>> SearchAsync(string text, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var tsQuery = ToTsQuery(SearchTokenizer.Tokenize(text));
        if (tsQuery.Length == 0)
        {
            return new Paged<SearchHit>(0, page, pageSize, []);
        }

        // Title matches add 1 to the score so they always rank above body-only matches.
        var rows = await db.Database.SqlQuery<SearchRow>($"""
            SELECT q.slug, q.title, d.slug AS document, q.body_text, page.score, page.total
            FROM (SELECT q.id,
                         (ts_rank(q.search_vector, query) + CASE WHEN q.title_vector @@ query THEN 1 ELSE 0 END)::float8 AS score,
                         count(*) OVER ()::int AS total
                  FROM questions q, to_tsquery('english', {tsQuery}) AS query
                  WHERE q.search_vector @@ query
                  ORDER BY score DESC, q.id
                  LIMIT {pageSize} OFFSET {(page - 1) * pageSize}) page
            JOIN questions q ON q.id = page.id
            JOIN documents d ON d.id = q.document_id
            ORDER BY page.score DESC, q.id
            """).ToListAsync(cancellationToken);

        var total = rows.Count > 0 ? rows[0].Total : await CountAsync(tsQuery, cancellationToken);
        var hits = rows
            .Select(r => new SearchHit(r.Slug, r.Title, r.Document, SnippetBuilder.Build(r.BodyText, text), Math.Round(r.Score, 4)))
            .ToList();
        return new Paged<SearchHit>(total, page, pageSize, hits);
    }

    // A page past the end has no rows to carry the window count.
    private Task<int> CountAsync(string tsQuery, CancellationToken cancellationToken) =>
        db.Questions.CountAsync(
            q => q.SearchVector.Matches(EF.Functions.ToTsQuery("english", tsQuery)), cancellationToken);

    /// <summary>ANDs every term; terms hold only letters and digits, so quoting them is enough.</summary>
    private static string ToTsQuery(SearchTerms terms)
    {
        var latin = terms.Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"'{w}'");
        // A lone character can only be found as the start of an indexed bigram.
        var cjk = terms.Cjk.Select(t => t.Length == 1 ? $"'{t}':*" : $"'{t}'");
        return string.Join(" & ", latin.Concat(cjk));
    }

    private sealed record SearchRow(string Slug, string Title, string Document, string BodyText, double Score, int Total);
}
