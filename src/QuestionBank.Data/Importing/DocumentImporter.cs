using Markdig;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Importing;

/// <summary>
/// Writes parsed documents into the bank. Every call is one transaction: all files are parsed
/// before anything is written, so one bad file leaves the bank exactly as it was.
/// </summary>
public sealed class DocumentImporter(
    QuestionBankDbContext db,
    IMarkdownDocumentParser parser,
    MarkdownPipeline pipeline,
    TimeProvider clock,
    ILogger<DocumentImporter> logger)
{
    // Serialises imports across processes so two imports of one document never race on its slugs.
    private const long ImportLockKey = 0x5142_494D_504F_5254;

    /// <summary>Parses every file, then imports them together.</summary>
    /// <exception cref="DocumentParseException">A file is not an importable document; nothing was written.</exception>
    public Task<IReadOnlyList<DocumentImportResult>> ImportFilesAsync(
        IEnumerable<ImportFile> files, CancellationToken cancellationToken = default)
    {
        var documents = files.Select(f => parser.Parse(f.Name, f.Content)).ToList();
        return ImportAsync(documents, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentImportResult>> ImportAsync(
        IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", cancellationToken);

        var results = new List<DocumentImportResult>(documents.Count);
        foreach (var document in documents)
        {
            results.Add(await ImportOneAsync(document, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        foreach (var result in results)
        {
            logger.LogInformation(
                "Imported {Document}: {Status}, {Added} added, {Changed} changed, {Removed} removed",
                result.Slug, result.Status, result.Added, result.Changed, result.Removed);
        }

        return results;
    }

    private async Task<DocumentImportResult> ImportOneAsync(ParsedDocument parsed, CancellationToken cancellationToken)
    {
        var existing = await db.Documents
            .Include(d => d.Sections)
            .Include(d => d.Questions).ThenInclude(q => q.Parts)
            .Include(d => d.Questions).ThenInclude(q => q.CodeBlocks)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Slug == parsed.Slug, cancellationToken);

        if (existing is not null && existing.ContentHash == parsed.ContentHash)
        {
            return new DocumentImportResult(parsed.Slug, parsed.Title, DocumentImportStatus.Unchanged, 0, 0, 0);
        }

        var now = clock.GetUtcNow();
        var document = existing ?? db.Documents.Add(new Document
        {
            Slug = parsed.Slug,
            Title = parsed.Title,
            SourceName = parsed.SourceName,
            ContentHash = parsed.ContentHash,
            Markdown = parsed.Markdown,
            ImportedAt = now,
        }).Entity;
        document.Title = parsed.Title;
        document.SourceName = parsed.SourceName;
        document.ContentHash = parsed.ContentHash;
        document.Markdown = parsed.Markdown;
        document.UpdatedAt = now;

        var sections = SyncSections(document, parsed);
        var previous = document.Questions.ToDictionary(q => q.Slug, StringComparer.Ordinal);
        int added = 0, changed = 0, position = 0;
        foreach (var section in parsed.Sections)
        {
            foreach (var question in section.Questions)
            {
                var entity = previous.Remove(question.Slug, out var found) ? found : null;
                if (entity is null)
                {
                    entity = NewQuestion(question);
                    document.Questions.Add(entity);
                    added++;
                }
                else if (!SameContent(entity, question, section, position))
                {
                    changed++;
                }

                Apply(entity, question, sections[section.Position], position++);
            }
        }

        foreach (var gone in previous.Values)
        {
            document.Questions.Remove(gone);
            db.Questions.Remove(gone);
        }

        foreach (var unused in document.Sections.Where(s => !sections.ContainsValue(s)).ToList())
        {
            document.Sections.Remove(unused);
            db.Sections.Remove(unused);
        }

        var status = existing is null ? DocumentImportStatus.Added : DocumentImportStatus.Updated;
        return new DocumentImportResult(parsed.Slug, parsed.Title, status, added, changed, previous.Count);
    }

    private static Dictionary<int, Section> SyncSections(Document document, ParsedDocument parsed)
    {
        var byPosition = document.Sections.ToDictionary(s => s.Position);
        var result = new Dictionary<int, Section>();
        foreach (var section in parsed.Sections)
        {
            if (!byPosition.TryGetValue(section.Position, out var entity))
            {
                entity = new Section { Position = section.Position, Title = section.Title };
                document.Sections.Add(entity);
            }

            entity.Title = section.Title;
            result[section.Position] = entity;
        }

        return result;
    }

    private static bool SameContent(Question entity, ParsedQuestion question, ParsedSection section, int position) =>
        entity.Title == question.Title
        && entity.Number == question.Number
        && entity.Kind == question.Kind
        && entity.BodyMarkdown == question.BodyMarkdown
        && entity.Section.Position == section.Position
        && entity.Position == position;

    private static Question NewQuestion(ParsedQuestion question) => new()
    {
        Slug = question.Slug,
        Number = question.Number,
        Title = question.Title,
        BodyMarkdown = question.BodyMarkdown,
        BodyText = string.Empty,
        SearchTitle = string.Empty,
        SearchBody = string.Empty,
    };

    private void Apply(Question entity, ParsedQuestion question, Section section, int position)
    {
        entity.Section = section;
        entity.Position = position;
        entity.Number = question.Number;
        entity.Title = question.Title;
        entity.Kind = question.Kind;
        if (entity.BodyMarkdown == question.BodyMarkdown && entity.BodyText.Length > 0)
        {
            return;
        }

        entity.BodyMarkdown = question.BodyMarkdown;
        entity.BodyText = Markdown.ToPlainText(question.BodyMarkdown, pipeline).Trim();
        entity.SearchTitle = SearchText(question.Title);
        entity.SearchBody = SearchText(entity.BodyText);
        entity.Parts.Clear();
        entity.Parts.AddRange(question.Parts.Select((p, i) => new QuestionPartEntity
        {
            Position = i,
            Kind = p.Kind,
            Label = p.Label,
            Markdown = p.Markdown,
        }));
        entity.CodeBlocks.Clear();
        entity.CodeBlocks.AddRange(question.CodeBlocks.Select((c, i) => new CodeBlock
        {
            Position = i,
            Language = c.Language,
            Code = c.Code,
        }));
    }

    private static string SearchText(string text)
    {
        var terms = SearchTokenizer.Tokenize(text);
        return $"{terms.Latin} {terms.CjkText}".Trim();
    }
}

/// <summary>A file handed to the importer.</summary>
public sealed record ImportFile(string Name, byte[] Content);

public enum DocumentImportStatus
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>What one import did to one document.</summary>
public sealed record DocumentImportResult(
    string Slug, string Title, DocumentImportStatus Status, int Added, int Changed, int Removed);
