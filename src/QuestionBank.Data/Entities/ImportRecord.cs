namespace QuestionBank.Data.Entities;

/// <summary>One committed import: who made it, when, and what it did to each document.</summary>
public sealed class ImportRecord
{
    public long Id { get; set; }

    public required string ImportedBy { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public string? RolledBackBy { get; set; }

    public DateTimeOffset? RolledBackAt { get; set; }

    /// <summary>
    /// When import retention (ImportRetention) dropped the previous versions this import would restore:
    /// from then on it stays in the history but can no longer be rolled back.
    /// </summary>
    public DateTimeOffset? PrunedAt { get; set; }

    public List<ImportedDocument> Documents { get; set; } = [];

    /// <summary>The images this import found for the documents it changed.</summary>
    public List<DocumentImage> Images { get; set; } = [];
}

/// <summary>
/// One file of an import, with the document's previous version so the import can be undone:
/// no previous content hash means the import created the document. Retention drops the previous
/// markdown of old imports and keeps the hash.
/// </summary>
public sealed class ImportedDocument
{
    public long Id { get; set; }

    public long ImportRecordId { get; set; }

    public required string FileName { get; set; }

    public required string DocumentSlug { get; set; }

    public required string Title { get; set; }

    /// <summary>SHA-256 of the imported file, combined with its images' when it has any (see DocumentImporter).</summary>
    public required string ContentHash { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Removed { get; set; }

    public string? PreviousSourceName { get; set; }

    public string? PreviousMarkdown { get; set; }

    public string? PreviousContentHash { get; set; }
}
