using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;
using QuestionBank.Data.Search;

namespace QuestionBank.Data.Queries;

/// <summary>
/// Search: every concept of the query is optional (see <see cref="IndexRanker"/> for the score). The
/// matching and ranking run on the in-memory index of <see cref="SearchCatalog"/>; PostgreSQL only
/// normalises a query's words the first time they are seen and returns the page's rows by id.
/// </summary>
public sealed class SearchQueries(QuestionBankDbContext db, SearchCatalog catalog, QueryAnalyzer analyzer)
{
    private const double CommonShare = 0.4;
    private const int EnoughCandidates = 50;

    /// <summary>The most document facets a result lists.</summary>
    public const int DocumentFacetLimit = 20;

    private const int SuggestionCount = 8;

    // The word being typed, matched as a prefix, counts as much as a word most of the bank holds.
    private const double TypedPrefixWeight = 1;

    /// <remarks>Raw SQL does not get the hidden-question query filter, so it says NOT is_hidden itself.</remarks>
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetSnapshotAsync(db, cancellationToken);
        var analyzed = analyzer.Analyze(request.Text, snapshot.Vocabulary, !request.Exact);
        var concepts = Informative(analyzed.Concepts, snapshot.Vocabulary);
        if (concepts.Count == 0)
        {
            return new SearchResult(analyzed, new Paged<SearchHit>(0, request.Page, request.PageSize, []), []);
        }

        var queries = await catalog.ParseAsync(db, concepts.Select(c => c.Query).ToList(), cancellationToken);
        var filter = new IndexFilter(
            request.Document is null ? null : snapshot.DocumentId(request.Document), request.Kind, request.HasExercise);
        var ranking = IndexRanker.Rank(
            snapshot.Index, concepts.Select((c, i) => new IndexConcept(queries[i], c.Weight)).ToList(), filter,
            (request.Page - 1) * request.PageSize, request.PageSize);

        var ids = ranking.Page.Select(r => r.Id).ToArray();
        var rows = await db.Database.SqlQuery<HitRow>($"""
            SELECT q.id, q.slug, q.title, d.slug AS document, q.body_text
            FROM questions q JOIN documents d ON d.id = q.document_id
            WHERE q.id = ANY({ids}) AND NOT q.is_hidden
            """).ToDictionaryAsync(r => r.Id, cancellationToken);
        var marks = SnippetBuilder.MatchPattern(analyzed.HighlightTerms);
        var items = ranking.Page.Where(r => rows.ContainsKey(r.Id))
            .Select(r => (Rank: r, Row: rows[r.Id]))
            .Select(h => new SearchHit(h.Row.Slug, h.Row.Title, h.Row.Document, SnippetBuilder.Build(h.Row.BodyText, marks), Math.Round(h.Rank.Score, 4)))
            .ToList();
        return new SearchResult(analyzed, new Paged<SearchHit>(ranking.Total, request.Page, request.PageSize, items), Facets(ranking, snapshot));
    }

    private static List<SearchFacet> Facets(IndexRanking ranking, SearchSnapshot snapshot)
    {
        // The documents with the most matches only, as Elasticsearch's terms aggregation and Algolia's
        // maxValuesPerFacet do: in a large bank a common word matches thousands of documents, and a
        // list of them all is of no use to a reader while it makes every response large.
        var documents = ranking.Documents
            .Select(d => new SearchFacet("document", snapshot.Documents[d.Key].Slug, snapshot.Documents[d.Key].Title, d.Value))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)
            .Take(DocumentFacetLimit);
        var kinds = new[] { (nameof(QuestionKind.Coding), ranking.Coding), (nameof(QuestionKind.Concept), ranking.Total - ranking.Coding) };
        var exercises = new[] { ("true", ranking.WithExercise), ("false", ranking.Total - ranking.WithExercise) };
        return documents
            .Concat(kinds.Where(k => k.Item2 > 0).Select(k => new SearchFacet("kind", k.Item1, k.Item1, k.Item2)))
            .Concat(exercises.Where(e => e.Item2 > 0).Select(e => new SearchFacet("exercise", e.Item1, e.Item1, e.Item2)))
            .OrderBy(f => f.Facet).ThenByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What to offer while a visitor types: glossary terms that start with the text, then titles that match it.</summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string text, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetSnapshotAsync(db, cancellationToken);
        var prefix = text.Trim();
        var terms = snapshot.Vocabulary.Glossary.Entries
            .Where(e => e.Forms.Any(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Take(SuggestionCount / 2)
            .Select(e => new Suggestion(SuggestionKind.Term, e.Label, e.Chinese))
            .ToList();

        var analyzed = analyzer.Analyze(prefix, snapshot.Vocabulary);
        var wanted = Informative(analyzed.Concepts, snapshot.Vocabulary).Select(c => (c.Query, c.Weight)).ToList();
        // The word being typed is probably unfinished: match it as a prefix too.
        var last = SearchTokenizer.Tokenize(prefix).Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is not null && char.IsAsciiLetterOrDigit(prefix[^1]))
        {
            wanted.Add(($"'{last}':*", TypedPrefixWeight));
        }

        if (wanted.Count == 0)
        {
            return terms;
        }

        var queries = await catalog.ParseAsync(db, wanted.Select(w => w.Query).ToList(), cancellationToken);
        var best = IndexRanker.RankTitles(
            snapshot.Index, wanted.Select((w, i) => new IndexConcept(queries[i], w.Weight)).ToList(), SuggestionCount - terms.Count);
        var ids = best.Select(r => r.Id).ToArray();
        var titles = await db.Database.SqlQuery<TitleRow>($"SELECT id, slug, title FROM questions WHERE id = ANY({ids}) AND NOT is_hidden")
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        return terms.Concat(best.Where(r => titles.ContainsKey(r.Id)).Select(r => new Suggestion(SuggestionKind.Question, titles[r.Id].Title, titles[r.Id].Slug))).ToList();
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

    private sealed record HitRow(long Id, string Slug, string Title, string Document, string BodyText);

    private sealed record TitleRow(long Id, string Slug, string Title);
}

/// <summary>
/// A search, with its optional facet filters (HasExercise: the question's stored exercise, see
/// <c>questions.exercise_id</c>); Exact searches for the text as typed, without correcting typos.
/// </summary>
public sealed record SearchRequest(
    string Text,
    int Page,
    int PageSize,
    string? Document = null,
    QuestionKind? Kind = null,
    bool? HasExercise = null,
    bool Exact = false);

/// <summary>A page of results, what the query was taken to mean, and the facet counts of all results.</summary>
public sealed record SearchResult(AnalyzedQuery Query, Paged<SearchHit> Hits, IReadOnlyList<SearchFacet> Facets);

/// <summary>One value of a facet ("document", "kind" or "exercise") and how many results have it.</summary>
public sealed record SearchFacet(string Facet, string Value, string Label, int Count);

