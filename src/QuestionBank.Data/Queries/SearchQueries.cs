using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;

namespace QuestionBank.Data.Queries;

/// <summary>
/// Search: every concept of the query is optional. A question scores the weights of the concepts it
/// matches (a title match counts <see cref="TitleBoost"/> times a body match), times how much of the
/// query it covers. Each concept's matches come from the GIN indexes alone, so no stored vector is
/// read except a title's (small, never TOASTed).
/// </summary>
public sealed class SearchQueries(QuestionBankDbContext db, SearchCatalog catalog, QueryAnalyzer analyzer)
{
    private const double TitleBoost = 2.5;

    private const double CommonShare = 0.4;
    private const int EnoughCandidates = 50;

    private const int SuggestionCount = 8;

    /// <remarks>Raw SQL does not get the hidden-question query filter, so it says NOT is_hidden itself.</remarks>
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var vocabulary = await catalog.GetAsync(db, cancellationToken);
        var analyzed = analyzer.Analyze(request.Text, vocabulary, !request.Exact);
        var concepts = Informative(analyzed.Concepts, vocabulary);
        if (concepts.Count == 0)
        {
            return new SearchResult(analyzed, new Paged<SearchHit>(0, request.Page, request.PageSize, []), []);
        }

        var (sql, parameters) = SearchSql(concepts, request);
        var rows = await db.Database.SqlQueryRaw<SearchRow>(sql, parameters).ToListAsync(cancellationToken);

        var marks = analyzed.HighlightTerms.ToList();
        var items = rows.Where(r => r.RowType == "hit")
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id)
            .Select(r => new SearchHit(r.Slug!, r.Title!, r.Value!, SnippetBuilder.Build(r.BodyText!, marks), Math.Round(r.Score!.Value, 4)))
            .ToList();
        var facets = rows.Where(r => r.RowType is "document" or "kind" or "exercise")
            .Select(r => new SearchFacet(r.RowType, r.Value!, r.Label ?? r.Value!, r.Count))
            .OrderBy(f => f.Facet).ThenByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)
            .ToList();
        var total = rows.Single(r => r.RowType == "total").Count;
        return new SearchResult(analyzed, new Paged<SearchHit>(total, request.Page, request.PageSize, items), facets);
    }

    /// <summary>
    /// One statement for a page of hits, the total and the facets: each concept's matching rows are
    /// visited once, scored by concept weight (title matches boosted) and by how many concepts match.
    /// </summary>
    private static (string Sql, object[] Parameters) SearchSql(IReadOnlyList<QueryConcept> concepts, SearchRequest request)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new("w", concepts.Select(c => c.Weight).ToArray()),
            new("n", (double)concepts.Count),
            new("exercise", request.ExerciseKeywords.Select(k => $"%{k}%").ToArray()),
            new("document", NpgsqlDbType.Text) { Value = (object?)request.Document ?? DBNull.Value },
            new("kind", NpgsqlDbType.Text) { Value = (object?)request.Kind?.ToString() ?? DBNull.Value },
            new("has_exercise", NpgsqlDbType.Boolean) { Value = (object?)request.HasExercise ?? DBNull.Value },
            new("limit", request.PageSize),
            new("offset", (request.Page - 1) * request.PageSize),
        };
        var hits = new StringBuilder();
        for (var i = 0; i < concepts.Count; i++)
        {
            parameters.Add(new NpgsqlParameter($"q{i}", concepts[i].Query));
            // One visit of each matching row reads everything the score and the facets need.
            hits.Append(i == 0 ? string.Empty : " UNION ALL ").Append($"""
                SELECT id, {i} AS c, title_vector @@ to_tsquery('english', @q{i}) AS in_title, document_id, kind,
                       (kind = 'Coding' AND title LIKE ANY(@exercise)) AS exercise
                FROM questions WHERE search_vector @@ to_tsquery('english', @q{i}) AND NOT is_hidden
                """);
        }

        // Only generated parameter names and constants are spliced in; everything the visitor typed is a parameter.
        var sql = $"""
            WITH hits AS ({hits}),
            scored AS MATERIALIZED (
                SELECT id, sum(@w[c + 1] * CASE WHEN in_title THEN {TitleBoost.ToString(System.Globalization.CultureInfo.InvariantCulture)} ELSE 1 END)
                           * (1 + count(*) / @n) AS score,
                       min(document_id) AS document_id, min(kind) AS kind, bool_or(exercise) AS exercise
                FROM hits GROUP BY id),
            filtered AS MATERIALIZED (
                SELECT * FROM scored
                WHERE (@document IS NULL OR document_id = (SELECT id FROM documents WHERE slug = @document))
                  AND (@kind IS NULL OR kind = @kind)
                  AND (@has_exercise IS NULL OR exercise = @has_exercise)),
            page AS (SELECT id, score FROM filtered ORDER BY score DESC, id LIMIT @limit OFFSET @offset)
            SELECT 'hit' AS row_type, q.id, q.slug, q.title, d.slug AS value, d.title AS label, q.body_text, p.score, 0 AS count
            FROM page p JOIN questions q ON q.id = p.id JOIN documents d ON d.id = q.document_id
            UNION ALL
            SELECT 'total', 0, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM filtered)::int
            UNION ALL
            SELECT 'document', 0, NULL, NULL, d.slug, d.title, NULL, NULL, count(*)::int
            FROM filtered f JOIN documents d ON d.id = f.document_id GROUP BY d.slug, d.title
            UNION ALL
            SELECT 'kind', 0, NULL, NULL, f.kind, NULL, NULL, NULL, count(*)::int FROM filtered f GROUP BY f.kind
            UNION ALL
            SELECT 'exercise', 0, NULL, NULL, f.exercise::text, NULL, NULL, NULL, count(*)::int FROM filtered f GROUP BY f.exercise
            """;
        return (sql, parameters.ToArray<object>());
    }

    /// <summary>What to offer while a visitor types: glossary terms that start with the text, then titles that match it.</summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string text, CancellationToken cancellationToken = default)
    {
        var vocabulary = await catalog.GetAsync(db, cancellationToken);
        var prefix = text.Trim();
        var terms = vocabulary.Glossary.Entries
            .Where(e => e.Forms.Any(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Take(SuggestionCount / 2)
            .Select(e => new Suggestion(SuggestionKind.Term, e.Label, e.Chinese))
            .ToList();

        var analyzed = analyzer.Analyze(prefix, vocabulary);
        var queries = Informative(analyzed.Concepts, vocabulary).Select(c => $"({c.Query})").ToList();
        // The word being typed is probably unfinished: match it as a prefix too.
        var last = SearchTokenizer.Tokenize(prefix).Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is not null && char.IsAsciiLetterOrDigit(prefix[^1]))
        {
            queries.Add($"'{last}':*");
        }

        if (queries.Count == 0)
        {
            return terms;
        }

        var any = string.Join(" | ", queries);
        var titles = await db.Database.SqlQuery<QuestionLink>($"""
            SELECT slug, title FROM questions
            WHERE title_vector @@ to_tsquery('english', {any}) AND NOT is_hidden
            ORDER BY ts_rank(title_vector, to_tsquery('english', {any})) DESC, id
            LIMIT {SuggestionCount - terms.Count}
            """).ToListAsync(cancellationToken);
        return terms.Concat(titles.Select(t => new Suggestion(SuggestionKind.Question, t.Title, t.Slug))).ToList();
    }

    /// <summary>
    /// The concepts to search for. A concept held by more than <see cref="CommonShare"/> of the bank
    /// says little and would make every question a candidate, so it is dropped when the rarer ones
    /// already hold enough questions to fill pages (as Lucene's common-terms query does); with fewer,
    /// it stays to rank and to fill them (怎么用小数据集训练好模型: 训练 and 模型 still count).
    /// </summary>
    private static List<QueryConcept> Informative(IReadOnlyList<QueryConcept> concepts, SearchVocabulary vocabulary)
    {
        var rare = concepts.Where(c => c.Frequency <= CommonShare * vocabulary.QuestionCount).ToList();
        return rare.Sum(c => c.Frequency) >= EnoughCandidates ? rare : concepts.ToList();
    }

    private sealed record SearchRow(string RowType, long Id, string? Slug, string? Title, string? Value, string? Label, string? BodyText, double? Score, int Count);
}

/// <summary>
/// A search, with its optional facet filters. ExerciseKeywords are the title keywords that give a
/// coding question a runnable exercise; Exact searches for the text as typed, without correcting typos.
/// </summary>
public sealed record SearchRequest(
    string Text,
    int Page,
    int PageSize,
    IReadOnlyList<string> ExerciseKeywords,
    string? Document = null,
    QuestionKind? Kind = null,
    bool? HasExercise = null,
    bool Exact = false);

/// <summary>A page of results, what the query was taken to mean, and the facet counts of all results.</summary>
public sealed record SearchResult(AnalyzedQuery Query, Paged<SearchHit> Hits, IReadOnlyList<SearchFacet> Facets);

/// <summary>One value of a facet ("document", "kind" or "exercise") and how many results have it.</summary>
public sealed record SearchFacet(string Facet, string Value, string Label, int Count);

