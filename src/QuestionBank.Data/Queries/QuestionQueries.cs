using Microsoft.EntityFrameworkCore;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Search;

namespace QuestionBank.Data.Queries;

/// <summary>Read side of the bank: browsing, one question, search.</summary>
public sealed class QuestionQueries(QuestionBankDbContext db, SearchCatalog catalog)
{
    private const int SimilarCount = 5;
    private const int SimilarCandidates = 200;
    private const int MaxTerms = 12;

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
                q.Slug, q.Number, q.Title, q.Kind, q.Document.Slug, q.Document.Title, q.Section.Position, q.Section.Title, q.ExerciseId))
            .ToListAsync(cancellationToken);
        return new Paged<QuestionListItem>(total, filter.Page, filter.PageSize, items);
    }

    /// <summary>The questions that offer an exercise, by exercise id, in bank order.</summary>
    public async Task<ILookup<string, QuestionLink>> QuestionsByExerciseAsync(CancellationToken cancellationToken = default)
    {
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.ExerciseId != null)
            .OrderBy(q => q.Document.Slug).ThenBy(q => q.Position)
            .Select(q => new { ExerciseId = q.ExerciseId!, Link = new QuestionLink(q.Slug, q.Title) })
            .ToListAsync(cancellationToken);
        return questions.ToLookup(q => q.ExerciseId, q => q.Link, StringComparer.Ordinal);
    }

    /// <summary>
    /// One question with its neighbours, similar questions, glossary terms and images, or null. All but
    /// the images comes from the bank's searchable content, so it is read once per search snapshot
    /// (<see cref="SearchSnapshot.Remember"/>); the images follow imports and rollbacks, and are read each time.
    /// </summary>
    public async Task<QuestionDetail?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetSnapshotAsync(db, cancellationToken);
        var content = snapshot.Questions.TryGetValue(slug, out var known) ? known : await ReadAsync(slug, snapshot, cancellationToken);
        return content is null
            ? null
            : content.Detail with { Images = await DocumentImagesAsync(content.DocumentId, content.Detail.Document, cancellationToken) };
    }

    private async Task<StoredQuestion?> ReadAsync(string slug, SearchSnapshot snapshot, CancellationToken cancellationToken)
    {
        var question = await db.Questions.AsNoTracking()
            .Where(q => q.Slug == slug)
            .Select(q => new
            {
                q.DocumentId,
                q.Slug,
                q.Number,
                q.Title,
                q.Kind,
                Document = q.Document.Slug,
                DocumentTitle = q.Document.Title,
                Section = q.Section.Position,
                SectionTitle = q.Section.Title,
                q.BodyMarkdown,
                q.BodyText,
                q.SearchTitle,
                q.ExerciseId,
                q.ExerciseSource,
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

        var similar = await SimilarAsync(question.SearchTitle, cancellationToken);
        var terms = snapshot.Vocabulary.Glossary.FindIn($"{question.Title}\n{question.BodyText}")
            .Select(m => m.Entry).Distinct().Take(MaxTerms).ToList();
        // A body without a labelled prompt is all answer: only the title is asked.
        var prompt = string.Join("\n", question.Parts.Where(p => p.Kind == PartKind.Prompt).Select(p => p.Markdown).Prepend(question.Title));
        var promptTerms = snapshot.Vocabulary.Glossary.FindIn(prompt).Select(m => m.Entry).ToHashSet();
        var detail = new QuestionDetail(
            question.Slug, question.Number, question.Title, question.Kind, question.Document, question.DocumentTitle,
            question.Section, question.SectionTitle, question.BodyMarkdown, question.Parts, question.Code,
            question.Previous, question.Next, similar, terms, Images: new Dictionary<string, string>(),
            question.ExerciseId, question.ExerciseSource)
        {
            PromptTerms = terms.Where(promptTerms.Contains).ToList(),
        };
        return snapshot.Remember(new StoredQuestion(question.DocumentId, detail));
    }

    /// <summary>A document's source, the slugs of its questions the site shows, and its images; null when there is no such document.</summary>
    public async Task<DocumentDetail?> GetDocumentAsync(string slug, CancellationToken cancellationToken = default)
    {
        var document = await db.Documents.AsNoTracking()
            .Where(d => d.Slug == slug)
            .Select(d => new { d.Id, d.Slug, d.Title, d.SourceName, d.Markdown, Questions = d.Questions.Select(q => q.Slug).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : new DocumentDetail(document.Slug, document.Title, document.SourceName, document.Markdown,
                document.Questions.ToHashSet(StringComparer.Ordinal), await DocumentImagesAsync(document.Id, document.Slug, cancellationToken));
    }

    /// <summary>An imported image by its stable file name (<see cref="StoredImage.FileName"/>), or null.</summary>
    public async Task<StoredImage?> GetImageAsync(string sha256, string extension, CancellationToken cancellationToken = default) =>
        await db.Images.AsNoTracking().SingleOrDefaultAsync(i => i.Sha256 == sha256 && i.Extension == extension, cancellationToken);

    /// <summary>
    /// The images a document's pages show, by their path relative to the document: those the latest
    /// import of the document that is not rolled back found for it.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> DocumentImagesAsync(long documentId, string documentSlug, CancellationToken cancellationToken)
    {
        // The images of the document's latest import that stands, in one round trip.
        var images = await db.DocumentImages
            .Where(i => i.DocumentId == documentId && i.ImportRecordId == db.Imports
                .Where(import => import.RolledBackAt == null && import.Documents.Any(d => d.DocumentSlug == documentSlug))
                .Max(import => (long?)import.Id))
            .Select(i => new { i.Path, i.ImageSha256, i.Image.Extension })
            .ToListAsync(cancellationToken);
        return images.ToDictionary(i => i.Path, i => StoredImage.FileName(i.ImageSha256, i.Extension), StringComparer.Ordinal);
    }

    /// <summary>
    /// Questions whose titles share this one's terms: first those sharing all of them, then the best of
    /// a bounded set sharing any, so a title made of common words cannot make the page rank the whole
    /// bank. The seeds repeat questions across documents and sections: a question with this one's title
    /// is a copy of it, not a similar question, and one title is listed once. A title that questions of
    /// other documents also have ("参考文献" in every chapter) comes with its document's title.
    /// </summary>
    private async Task<IReadOnlyList<SimilarQuestion>> SimilarAsync(string searchTitle, CancellationToken cancellationToken)
    {
        var terms = searchTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Select(t => $"'{t}'").ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        var all = string.Join(" & ", terms);
        var any = string.Join(" | ", terms);
        return await db.Database.SqlQuery<SimilarQuestion>($"""
            WITH candidates AS (
                (SELECT id, slug, title, document_id, title_vector, 1 AS tier
                 FROM questions WHERE title_vector @@ to_tsquery('english', {all}) AND search_title <> {searchTitle} AND NOT is_hidden
                 LIMIT {SimilarCount})
                UNION ALL
                (SELECT id, slug, title, document_id, title_vector, 2 AS tier
                 FROM questions WHERE title_vector @@ to_tsquery('english', {any}) AND search_title <> {searchTitle} AND NOT is_hidden
                 LIMIT {SimilarCandidates}))
            SELECT best.slug, best.title, documents.title AS document_title,
                   EXISTS (SELECT 1 FROM questions other
                           WHERE other.title = best.title AND other.document_id <> best.document_id AND NOT other.is_hidden) AS title_repeats
            FROM (SELECT DISTINCT ON (title) id, slug, title, document_id, tier, ts_rank(title_vector, to_tsquery('english', {any})) AS rank
                  FROM candidates ORDER BY title, tier, id) best
            JOIN documents ON documents.id = best.document_id
            ORDER BY best.tier, best.rank DESC, best.id
            LIMIT {SimilarCount}
            """).ToListAsync(cancellationToken);
    }
}
