using System.Collections.Concurrent;
using System.Data;
using System.Text;
using Markdig;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;

using QuestionBank.Data.Queries;

namespace QuestionBank.Data.Search;

/// <summary>
/// What search reads from memory: the glossary, the bank's vocabulary and the inverted index of every
/// visible question, loaded together for the process. The database keeps a version that each
/// statement changing questions, documents or the glossary bumps (a trigger, which also NOTIFYs
/// <see cref="ChangedChannel"/> so every replica reloads at once). A search reads that version, one
/// primary-key read, only after <see cref="MarkChanged"/>: this process wrote, the notification came,
/// or the periodic check is due; otherwise the loaded snapshot is current and no query is needed.
/// </summary>
public sealed class SearchCatalog(IWordSegmenter segmenter, MarkdownPipeline pipeline)
{
    /// <summary>NOTIFY channel: the questions, documents or glossary changed (sent by the database's trigger on commit).</summary>
    public const string ChangedChannel = "search_changed";

    // Normalised queries depend on the text-search configuration only, so they outlive reloads.
    private const int MaxCachedQueries = 10_000;

    private readonly SemaphoreSlim reload = new(1, 1);
    private readonly ConcurrentDictionary<string, TextQuery> queries = new(StringComparer.Ordinal);
    private volatile SearchSnapshot? current;

    // MarkChanged calls so far, and how many of them the current snapshot is known to include.
    private long changes = 1;
    private long checkedChanges;

    /// <summary>
    /// The bank may have changed since the snapshot was loaded: the next search compares the
    /// database's version first. Writers in this process call it after their commit, so their own
    /// next search sees what they wrote without waiting for the notification.
    /// </summary>
    public void MarkChanged() => Interlocked.Increment(ref changes);

    /// <summary>The glossary and the vocabulary, up to date with the database.</summary>
    public async Task<SearchVocabulary> GetAsync(QuestionBankDbContext db, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(db, cancellationToken)).Vocabulary;

    /// <summary>Everything search reads from memory, reloaded first when the database has changed since it was loaded.</summary>
    public async Task<SearchSnapshot> GetSnapshotAsync(QuestionBankDbContext db, CancellationToken cancellationToken)
    {
        var mark = Interlocked.Read(ref changes);
        // Checked before current is read: a snapshot is stored before its changes are recorded as checked.
        if (Interlocked.Read(ref checkedChanges) == mark && current is { } unchanged)
        {
            return unchanged;
        }

        // Read after the mark: a snapshot at this version includes every change marked so far.
        var version = await VersionAsync(db, cancellationToken);
        if (current is { } cached && cached.Version >= version)
        {
            return Checked(cached, mark);
        }

        await reload.WaitAsync(cancellationToken);
        try
        {
            if (current is { } loaded && loaded.Version >= version)
            {
                return Checked(loaded, mark);
            }

            var snapshot = await LoadAsync(db, cancellationToken);
            current = snapshot;
            return Checked(snapshot, mark);
        }
        finally
        {
            reload.Release();
        }
    }

    /// <summary>
    /// The tsqueries as PostgreSQL normalises them (english stemming, stop words), parsed for the
    /// in-memory index; only texts not seen before go to the database.
    /// </summary>
    public async Task<IReadOnlyList<TextQuery>> ParseAsync(QuestionBankDbContext db, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var missing = texts.Where(t => !queries.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var normalised = await db.Database.SqlQuery<string>($"""
                SELECT to_tsquery('english', t.q)::text AS "Value" FROM unnest({missing}) WITH ORDINALITY AS t(q, n) ORDER BY t.n
                """).ToListAsync(cancellationToken);
            if (queries.Count + missing.Length > MaxCachedQueries)
            {
                queries.Clear();
            }

            foreach (var (text, query) in missing.Zip(normalised))
            {
                queries[text] = TextQuery.Parse(query);
            }
        }

        return texts.Select(t => queries.TryGetValue(t, out var q) ? q : TextQuery.Nothing).ToList();
    }

    /// <summary>Records that the current snapshot includes the changes up to <paramref name="mark"/> (never lowers it).</summary>
    private SearchSnapshot Checked(SearchSnapshot snapshot, long mark)
    {
        var seen = Interlocked.Read(ref checkedChanges);
        while (mark > seen)
        {
            var prior = Interlocked.CompareExchange(ref checkedChanges, mark, seen);
            if (prior == seen)
            {
                break;
            }

            seen = prior;
        }

        return snapshot;
    }

    private static Task<long> VersionAsync(QuestionBankDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT version AS \"Value\" FROM search_state WHERE id = 1").SingleAsync(cancellationToken);

    /// <summary>Reads the version and everything it covers in one snapshot of the database.</summary>
    private async Task<SearchSnapshot> LoadAsync(QuestionBankDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var version = await VersionAsync(db, cancellationToken);
        var source = await db.Glossaries.AsNoTracking().OrderBy(g => g.Id).FirstOrDefaultAsync(cancellationToken);
        var glossary = source is null
            ? Glossary.Empty
            : new Glossary(GlossaryParser.Parse(source.SourceName, Encoding.UTF8.GetBytes(source.Markdown), pipeline).Entries);
        segmenter.AddWords(glossary.ChineseForms);
        var words = await db.SearchWords.AsNoTracking().Where(w => w.Questions > 0)
            .ToDictionaryAsync(w => w.Word, w => w.Questions, StringComparer.Ordinal, cancellationToken);
        var documents = await db.Documents.AsNoTracking()
            .ToDictionaryAsync(d => d.Id, d => new SearchDocument(d.Slug, d.Title), cancellationToken);
        var index = await LoadIndexAsync(db, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SearchSnapshot(version, new SearchVocabulary(words, index.Count, glossary), index, documents);
    }

    /// <summary>Every visible question's search vector, streamed into the index (title positions carry weight A).</summary>
    private static async Task<InvertedIndex> LoadIndexAsync(QuestionBankDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var builder = new InvertedIndex.Builder();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            "SELECT id, document_id, kind, exercise_id IS NOT NULL, search_vector FROM questions WHERE NOT is_hidden ORDER BY id", connection,
            (NpgsqlTransaction)transaction.GetDbTransaction());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            builder.AddQuestion(reader.GetInt64(0), reader.GetInt64(1), Enum.Parse<QuestionKind>(reader.GetString(2)), reader.GetBoolean(3));
            foreach (var lexeme in reader.GetFieldValue<NpgsqlTsVector>(4))
            {
                builder.AddLexeme(lexeme.Text);
                for (var i = 0; i < lexeme.Count; i++)
                {
                    builder.AddPosition(lexeme[i].Pos, lexeme[i].Weight == NpgsqlTsVector.Lexeme.Weight.A);
                }
            }
        }

        return builder.Build();
    }
}

/// <summary>The search state of one database version: vocabulary, index and the documents' names for facets.</summary>
public sealed record SearchSnapshot(long Version, SearchVocabulary Vocabulary, InvertedIndex Index, IReadOnlyDictionary<long, SearchDocument> Documents)
{
    // Bounds the memo below: a few KB a question.
    private const int MaxQuestions = 10_000;

    private readonly ConcurrentDictionary<string, StoredQuestion> questions = new(StringComparer.Ordinal);

    /// <summary>
    /// The questions pages have read at this version, by slug. A question's row, parts, neighbours,
    /// similar questions and glossary terms all change only with a statement that bumps the version,
    /// so the memo lives exactly as long as the snapshot and a page need not read them again.
    /// </summary>
    public IReadOnlyDictionary<string, StoredQuestion> Questions => questions;

    /// <summary>Keeps <paramref name="question"/> for this version and returns it.</summary>
    public StoredQuestion Remember(StoredQuestion question)
    {
        if (questions.Count >= MaxQuestions)
        {
            questions.Clear();
        }

        return questions.GetOrAdd(question.Detail.Slug, question);
    }

    /// <summary>The id of the document with <paramref name="slug"/>, or -1 (which no question has) when there is none.</summary>
    public long DocumentId(string slug) => Documents.FirstOrDefault(d => d.Value.Slug == slug, new(-1, null!)).Key;
}

/// <summary>A question as its page shows it, without its images, and the id of its document.</summary>
public sealed record StoredQuestion(long DocumentId, QuestionDetail Detail);

/// <summary>A document's slug and title, as facets show them.</summary>
public sealed record SearchDocument(string Slug, string Title);
