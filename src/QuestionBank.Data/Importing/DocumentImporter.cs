using System.Text;
using Markdig;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;
using QuestionBank.Core.Search;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Search;

namespace QuestionBank.Data.Importing;

/// <summary>
/// Writes parsed documents into the bank. Every call is one transaction under one lock: all files
/// are parsed before anything is written, so one bad file leaves the bank exactly as it was, and
/// two imports of the same document run one after the other. The glossary file
/// (<see cref="GlossaryParser.FileName"/>) is imported beside the documents, with the same preview and rollback.
/// Image files (<see cref="ImageFormat"/>) travel with the documents: each document keeps the images its
/// markdown names by a relative path, found by the file's path in the upload (its name holds the folders).
/// </summary>
public sealed class DocumentImporter(
    QuestionBankDbContext db,
    IMarkdownDocumentParser parser,
    MarkdownPipeline pipeline,
    TimeProvider clock,
    SearchCatalog search,
    ILogger<DocumentImporter> logger)
{
    /// <summary>Largest file an import accepts.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The slug an import's record gives the glossary, which is not a document.</summary>
    public const string GlossarySlug = "glossary";

    // Serialises imports and rollbacks across processes so they never race on a document's slugs.
    private const long ImportLockKey = 0x5142_494D_504F_5254;

    /// <summary>Parses every file, then imports them together, or only reports what would change.</summary>
    /// <exception cref="DocumentParseException">A file is not an importable document; nothing was written.</exception>
    public async Task<ImportOutcome> ImportFilesAsync(
        IEnumerable<ImportFile> files, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var (documents, glossary, skipped) = ParseAll(files.ToList());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);

        var results = new List<DocumentImportResult>(documents.Count + 1);
        var record = new ImportRecord { ImportedBy = options.ImportedBy, ImportedAt = clock.GetUtcNow() };
        void Record(DocumentImportResult result, string contentHash, PreviousVersion? previous)
        {
            results.Add(result);
            if (result.Status != DocumentImportStatus.Unchanged)
            {
                record.Documents.Add(ImportedDocumentOf(result, contentHash, previous));
            }
        }

        foreach (var document in documents)
        {
            var (result, previous) = await ImportOneAsync(document.Parsed, document.ContentHash, cancellationToken);
            Record(result with { Warnings = [.. result.Warnings.Concat(document.ImageWarnings).OrderBy(w => w.Line)] }, document.ContentHash, previous);
            if (result.Status != DocumentImportStatus.Unchanged)
            {
                RecordImages(record, document);
            }
        }

        if (glossary is not null)
        {
            var (result, previous) = await ImportGlossaryAsync(glossary, cancellationToken);
            Record(result, glossary.ContentHash, previous);
        }

        if (options.DryRun || record.Documents.Count == 0)
        {
            // Nothing to keep: a dry run only reports, and an import of unchanged files is a no-op.
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(cancellationToken);
            return new ImportOutcome(null, options.DryRun, results, skipped);
        }

        db.Imports.Add(record);
        await StoreImagesAsync(documents, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await SearchWords.AddAsync(db, ChangedDocumentSlugs(record), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        search.MarkChanged();
        db.ChangeTracker.Clear();

        foreach (var result in results)
        {
            logger.LogInformation(
                "Import {ImportId} by {ImportedBy}: {Document} {Status}, {Added} added, {Changed} changed, {Removed} removed",
                record.Id, options.ImportedBy, result.Slug, result.Status, result.Added, result.Changed, result.Removed);
        }

        return new ImportOutcome(record.Id, false, results, skipped);
    }

    /// <summary>
    /// Parses every file: the glossary (at most one) and the documents, skipping files without questions and
    /// refusing two files of one document, then finds and checks each document's images.
    /// </summary>
    /// <exception cref="DocumentParseException">A file is refused, or no file has questions.</exception>
    private (List<DocumentUpload> Documents, ParsedGlossary? Glossary, List<SkippedFile> Skipped) ParseAll(List<ImportFile> all)
    {
        var images = new UploadedImages(all.Where(f => ImageFormat.FromName(f.Name) is not null));
        var texts = all.Where(f => ImageFormat.FromName(f.Name) is null).ToList();
        var glossary = texts.Where(f => GlossaryParser.IsGlossary(f.Name)).Select(ParseGlossary).SingleOrDefault();
        var documents = new List<ParsedDocument>();
        var withoutQuestions = new List<NoQuestionsException>();
        foreach (var file in texts.Where(f => !GlossaryParser.IsGlossary(f.Name)))
        {
            try
            {
                documents.Add(Parse(file));
            }
            catch (NoQuestionsException error)
            {
                withoutQuestions.Add(error);
            }
        }

        if (documents.Count == 0 && glossary is null && withoutQuestions.Count > 0)
        {
            throw withoutQuestions[0];
        }

        var clash = documents.GroupBy(d => d.Slug).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new DocumentParseException(
                clash.Last().SourceName, null, ImportMessages.SameDocument.With(clash.First().SourceName));
        }

        var skipped = withoutQuestions.Select(e => new SkippedFile(e.SourceName, e.Reason)).ToList();
        return (documents.Select(d => images.Resolve(d, pipeline)).ToList(), glossary, skipped);
    }

    /// <summary>Records the document's images as this import's: they are what its page shows until a later import changes it.</summary>
    private void RecordImages(ImportRecord record, DocumentUpload document)
    {
        var entity = db.Documents.Local.Single(d => d.Slug == document.Parsed.Slug);
        foreach (var (path, image) in document.Images)
        {
            var row = new DocumentImage { Path = path, ImageSha256 = image.Sha256 };
            entity.Images.Add(row);
            record.Images.Add(row);
        }
    }

    /// <summary>Adds the images the bank does not hold yet; an image already there (same bytes) is shared.</summary>
    private async Task StoreImagesAsync(List<DocumentUpload> documents, CancellationToken cancellationToken)
    {
        var needed = documents.SelectMany(d => d.Images.Values).DistinctBy(i => i.Sha256).ToList();
        var hashes = needed.Select(i => i.Sha256).ToList();
        var stored = await db.Images.Where(i => hashes.Contains(i.Sha256)).Select(i => i.Sha256).ToListAsync(cancellationToken);
        db.Images.AddRange(needed.Where(i => !stored.Contains(i.Sha256)).Select(i => new StoredImage
        {
            Sha256 = i.Sha256,
            Extension = i.Format.Extension,
            ContentType = i.Format.ContentType,
            Content = i.Content,
        }));
    }

    private static ImportedDocument ImportedDocumentOf(DocumentImportResult result, string contentHash, PreviousVersion? previous) => new()
    {
        FileName = result.FileName,
        DocumentSlug = result.Slug,
        Title = result.Title,
        ContentHash = contentHash,
        Added = result.Added,
        Changed = result.Changed,
        Removed = result.Removed,
        PreviousSourceName = previous?.SourceName,
        PreviousMarkdown = previous?.Markdown,
        PreviousContentHash = previous?.ContentHash,
    };

    /// <summary>
    /// Puts every document of an import back as it was before it: documents it created are deleted,
    /// documents it changed get their previous version. Refused when a later import changed one of them.
    /// </summary>
    /// <returns>False when there is no such import.</returns>
    /// <exception cref="ImportRollbackException">The import cannot be rolled back; nothing was changed.</exception>
    public async Task<bool> RollbackAsync(long importId, string rolledBackBy, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        var record = await db.Imports.Include(i => i.Documents).SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        if (record.RolledBackAt is not null)
        {
            throw new ImportRollbackException(ImportMessages.AlreadyRolledBack.With(importId, record.RolledBackBy!, $"{record.RolledBackAt:u}"));
        }

        if (record.PrunedAt is not null)
        {
            throw new ImportRollbackException(
                ImportMessages.RollbackPruned.With(importId, $"{record.PrunedAt:u}"));
        }

        foreach (var imported in record.Documents)
        {
            var current = imported.DocumentSlug == GlossarySlug
                ? await db.Glossaries.OrderBy(g => g.Id).Select(g => g.ContentHash).FirstOrDefaultAsync(cancellationToken)
                : await db.Documents.Where(d => d.Slug == imported.DocumentSlug)
                    .Select(d => d.ContentHash).SingleOrDefaultAsync(cancellationToken);
            if (current != imported.ContentHash)
            {
                throw new ImportRollbackException(ImportMessages.ChangedLater.With(imported.FileName));
            }
        }

        // Its images go with it; documents it changed show their previous import's images again.
        await db.DocumentImages.Where(i => i.ImportRecordId == importId).ExecuteDeleteAsync(cancellationToken);
        foreach (var imported in record.Documents)
        {
            if (imported.DocumentSlug == GlossarySlug)
            {
                await RollBackGlossaryAsync(imported, cancellationToken);
            }
            else if (imported.PreviousMarkdown is null)
            {
                await SearchWords.RemoveAsync(db, [imported.DocumentSlug], cancellationToken);
                // Questions first: their section foreign key would otherwise block the cascade from the document.
                await db.Questions.IgnoreQueryFilters().Where(q => q.Document.Slug == imported.DocumentSlug)
                    .ExecuteDeleteAsync(cancellationToken);
                await db.Documents.Where(d => d.Slug == imported.DocumentSlug).ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                var previous = parser.Parse(imported.PreviousSourceName!, Encoding.UTF8.GetBytes(imported.PreviousMarkdown));
                await ImportOneAsync(previous, imported.PreviousContentHash!, cancellationToken);
            }
        }

        record.RolledBackBy = rolledBackBy;
        record.RolledBackAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        // An image another document still shows stays.
        await db.Images.Where(i => !db.DocumentImages.Any(d => d.ImageSha256 == i.Sha256)).ExecuteDeleteAsync(cancellationToken);
        await SearchWords.AddAsync(db, ChangedDocumentSlugs(record), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        search.MarkChanged();
        db.ChangeTracker.Clear();
        logger.LogInformation("Import {ImportId} rolled back by {RolledBackBy}", importId, rolledBackBy);
        return true;
    }

    /// <exception cref="DocumentParseException">The file is larger than <see cref="MaxFileBytes"/>.</exception>
    public static void EnsureWithinSizeLimit(string fileName, long bytes)
    {
        if (bytes > MaxFileBytes)
        {
            throw new DocumentParseException(
                fileName, null, ImportMessages.FileTooLarge.With((bytes / (1024.0 * 1024)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture), MaxFileBytes / (1024 * 1024)));
        }
    }

    private ParsedDocument Parse(ImportFile file)
    {
        EnsureWithinSizeLimit(file.Name, file.Content.Length);
        return parser.Parse(file.Name, file.Content);
    }

    private ParsedGlossary ParseGlossary(ImportFile file)
    {
        EnsureWithinSizeLimit(file.Name, file.Content.Length);
        return GlossaryParser.Parse(file.Name, file.Content, pipeline);
    }

    private static List<string> ChangedDocumentSlugs(ImportRecord record) =>
        record.Documents.Select(d => d.DocumentSlug).Where(slug => slug != GlossarySlug).ToList();

    /// <summary>Stores the glossary; the counts are of terms (by their Chinese form) added, changed and removed.</summary>
    private async Task<(DocumentImportResult Result, PreviousVersion? Previous)> ImportGlossaryAsync(
        ParsedGlossary parsed, CancellationToken cancellationToken)
    {
        var existing = await db.Glossaries.OrderBy(g => g.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null && existing.ContentHash == parsed.ContentHash)
        {
            return (new DocumentImportResult(
                parsed.SourceName, GlossarySlug, parsed.Title, DocumentImportStatus.Unchanged, 0, 0, 0, [], []), null);
        }

        var before = existing is null
            ? []
            : GlossaryParser.Parse(existing.SourceName, Encoding.UTF8.GetBytes(existing.Markdown), pipeline).Entries
                .ToDictionary(e => e.Chinese, StringComparer.OrdinalIgnoreCase);
        var after = parsed.Entries.ToDictionary(e => e.Chinese, StringComparer.OrdinalIgnoreCase);
        var added = after.Keys.Count(k => !before.ContainsKey(k));
        var removed = before.Keys.Count(k => !after.ContainsKey(k));
        var changed = after.Count(p => before.TryGetValue(p.Key, out var old)
            && (old.English != p.Value.English || !old.Variants.SequenceEqual(p.Value.Variants)));

        var previous = PreviousVersion.Of(existing);
        var now = clock.GetUtcNow();
        var glossary = existing ?? db.Glossaries.Add(new GlossarySource
        {
            SourceName = parsed.SourceName,
            Title = parsed.Title,
            ContentHash = parsed.ContentHash,
            Markdown = parsed.Markdown,
            ImportedAt = now,
        }).Entity;
        SetContent(glossary, parsed.SourceName, parsed.Title, parsed.ContentHash, parsed.Markdown, now);
        var status = existing is null ? DocumentImportStatus.Added : DocumentImportStatus.Updated;
        return (new DocumentImportResult(parsed.SourceName, GlossarySlug, parsed.Title, status, added, changed, removed, [], []), previous);
    }

    private async Task RollBackGlossaryAsync(ImportedDocument imported, CancellationToken cancellationToken)
    {
        if (imported.PreviousMarkdown is null)
        {
            await db.Glossaries.ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var previous = GlossaryParser.Parse(imported.PreviousSourceName!, Encoding.UTF8.GetBytes(imported.PreviousMarkdown), pipeline);
        await ImportGlossaryAsync(previous, cancellationToken);
    }

    private async Task LockAsync(CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLockKey})", cancellationToken);

    /// <param name="parsed">The document.</param>
    /// <param name="contentHash">The hash of the document with its images, which tells whether it changed.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    private async Task<(DocumentImportResult Result, PreviousVersion? Previous)> ImportOneAsync(
        ParsedDocument parsed, string contentHash, CancellationToken cancellationToken)
    {
        var existing = await db.Documents
            .IgnoreQueryFilters()
            .Include(d => d.Sections)
            .Include(d => d.Questions).ThenInclude(q => q.Parts)
            .Include(d => d.Questions).ThenInclude(q => q.CodeBlocks)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Slug == parsed.Slug, cancellationToken);

        List<DocumentWarning> warnings = [.. DocumentReview.Review(parsed).Concat(ExerciseAssignments.Review(parsed)).OrderBy(w => w.Line)];
        if (existing is not null && existing.ContentHash == contentHash)
        {
            return (new DocumentImportResult(
                parsed.SourceName, parsed.Slug, parsed.Title, DocumentImportStatus.Unchanged, 0, 0, 0, warnings, ExercisesOf(existing)), null);
        }

        var previous = PreviousVersion.Of(existing);
        if (existing is not null)
        {
            await SearchWords.RemoveAsync(db, [existing.Slug], cancellationToken);
        }

        var now = clock.GetUtcNow();
        var document = existing ?? db.Documents.Add(new Document
        {
            Slug = parsed.Slug,
            Title = parsed.Title,
            SourceName = parsed.SourceName,
            ContentHash = contentHash,
            Markdown = parsed.Markdown,
            ImportedAt = now,
        }).Entity;
        SetContent(document, parsed.SourceName, parsed.Title, contentHash, parsed.Markdown, now);

        var (added, changed, removed) = SyncQuestions(document, parsed);

        var status = existing is null ? DocumentImportStatus.Added : DocumentImportStatus.Updated;
        return (new DocumentImportResult(
            parsed.SourceName, parsed.Slug, parsed.Title, status, added, changed, removed, warnings, ExercisesOf(document)), previous);
    }

    /// <summary>Gives a document or the glossary the version of its file that this import brings.</summary>
    private static void SetContent(
        ImportedMarkdown file, string sourceName, string title, string contentHash, string markdown, DateTimeOffset updatedAt)
    {
        file.SourceName = sourceName;
        file.Title = title;
        file.ContentHash = contentHash;
        file.Markdown = markdown;
        file.UpdatedAt = updatedAt;
    }

    /// <summary>The exercise each question of the document gets, for the preview: every coding question and any other with one.</summary>
    private static List<QuestionExercise> ExercisesOf(Document document) =>
        document.Questions
            .Where(q => q.Kind == QuestionKind.Coding || q.ExerciseSource != ExerciseSource.None)
            .OrderBy(q => q.Position)
            .Select(q => new QuestionExercise(q.Slug, q.Number, q.Title, q.ExerciseId, q.ExerciseSource))
            .ToList();

    /// <summary>Makes the document's sections and questions those parsed, keeping the rows of questions that stay.</summary>
    private (int Added, int Changed, int Removed) SyncQuestions(Document document, ParsedDocument parsed)
    {
        var sections = SyncSections(document, parsed);
        var previousQuestions = document.Questions.ToDictionary(q => q.Slug, StringComparer.Ordinal);
        int added = 0, changed = 0, position = 0;
        foreach (var section in parsed.Sections)
        {
            foreach (var question in section.Questions)
            {
                var entity = previousQuestions.Remove(question.Slug, out var found) ? found : null;
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

        foreach (var gone in previousQuestions.Values)
        {
            document.Questions.Remove(gone);
            db.Questions.Remove(gone);
        }

        foreach (var unused in document.Sections.Where(s => !sections.ContainsValue(s)).ToList())
        {
            document.Sections.Remove(unused);
            db.Sections.Remove(unused);
        }
        return (added, changed, previousQuestions.Count);
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
        entity.SearchTitle = SearchText(question.Title);
        (entity.ExerciseId, entity.ExerciseSource) = ExerciseAssignments.Reimported(
            question, new ExerciseAssignment(entity.ExerciseId, entity.ExerciseSource));
        if (entity.BodyMarkdown == question.BodyMarkdown && entity.BodyText.Length > 0)
        {
            return;
        }

        entity.BodyMarkdown = question.BodyMarkdown;
        entity.BodyText = Markdown.ToPlainText(question.BodyMarkdown, pipeline).Trim();
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

/// <summary>Who imports, and whether only to preview.</summary>
public sealed record ImportOptions(string ImportedBy, bool DryRun = false)
{
    /// <summary>Imports made by the application itself, such as loading content/ at start-up.</summary>
    public static ImportOptions System { get; } = new("system");
}

/// <summary>What an import did (or, for a dry run, would do).</summary>
/// <param name="ImportId">The import's record; null for a dry run or when nothing changed.</param>
/// <param name="DryRun">Whether nothing was written.</param>
/// <param name="Documents">Each document's outcome, in the order of the upload.</param>
/// <param name="Skipped">Markdown files left out because they hold no question (a readme, a changelog, a table of contents).</param>
public sealed record ImportOutcome(long? ImportId, bool DryRun, IReadOnlyList<DocumentImportResult> Documents, IReadOnlyList<SkippedFile> Skipped);

/// <summary>A markdown file an import left out, and why.</summary>
public sealed record SkippedFile(string FileName, ImportMessage Reason);

public enum DocumentImportStatus
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>What one import did to one document.</summary>
public sealed record DocumentImportResult(
    string FileName,
    string Slug,
    string Title,
    DocumentImportStatus Status,
    int Added,
    int Changed,
    int Removed,
    IReadOnlyList<DocumentWarning> Warnings,
    IReadOnlyList<QuestionExercise> Exercises);

/// <summary>An import cannot be undone as asked; <see cref="Reason"/> says why (the message in English).</summary>
public sealed class ImportRollbackException(ImportMessage reason) : Exception(reason.Text)
{
    public ImportMessage Reason { get; } = reason;
}

internal sealed record PreviousVersion(string SourceName, string Markdown, string ContentHash)
{
    /// <summary>The version an import replaces; null when the import creates the file.</summary>
    public static PreviousVersion? Of(ImportedMarkdown? existing) =>
        existing is null ? null : new PreviousVersion(existing.SourceName, existing.Markdown, existing.ContentHash);
}
