using System.Text;
using Markdig;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Search;

namespace QuestionBank.Data.Queries;

/// <summary>
/// The glossary and the bank's vocabulary, held in memory for the process and rebuilt when an
/// import or a rollback has been committed since (by this replica or another): each search asks
/// only for the import history's stamp, one index-only query.
/// </summary>
public sealed class SearchCatalog(IWordSegmenter segmenter, MarkdownPipeline pipeline)
{
    private readonly SemaphoreSlim reload = new(1, 1);
    private (long Stamp, SearchVocabulary Vocabulary)? current;

    public async Task<SearchVocabulary> GetAsync(QuestionBankDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await db.Database
            .SqlQuery<long>($"SELECT coalesce(max(id), 0) * 1000003 + count(rolled_back_at) AS \"Value\" FROM imports")
            .SingleAsync(cancellationToken);
        if (current is { } cached && cached.Stamp == stamp)
        {
            return cached.Vocabulary;
        }

        await reload.WaitAsync(cancellationToken);
        try
        {
            if (current is { } loaded && loaded.Stamp == stamp)
            {
                return loaded.Vocabulary;
            }

            var vocabulary = await LoadAsync(db, cancellationToken);
            current = (stamp, vocabulary);
            return vocabulary;
        }
        finally
        {
            reload.Release();
        }
    }

    private async Task<SearchVocabulary> LoadAsync(QuestionBankDbContext db, CancellationToken cancellationToken)
    {
        var source = await db.Glossaries.AsNoTracking().OrderBy(g => g.Id).FirstOrDefaultAsync(cancellationToken);
        var glossary = source is null
            ? Glossary.Empty
            : new Glossary(GlossaryParser.Parse(source.SourceName, Encoding.UTF8.GetBytes(source.Markdown), pipeline).Entries);
        segmenter.AddWords(glossary.ChineseForms);
        var words = await db.SearchWords.AsNoTracking().Where(w => w.Questions > 0)
            .ToDictionaryAsync(w => w.Word, w => w.Questions, StringComparer.Ordinal, cancellationToken);
        var questions = await db.Questions.CountAsync(cancellationToken);
        return new SearchVocabulary(words, questions, glossary);
    }
}
