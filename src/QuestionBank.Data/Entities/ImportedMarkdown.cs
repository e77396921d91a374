namespace QuestionBank.Data.Entities;

/// <summary>
/// A markdown file (a document or the glossary) as the latest import that changed it left it; the import
/// history keeps the previous version of these fields so that the import can be rolled back.
/// </summary>
public abstract class ImportedMarkdown
{
    public required string SourceName { get; set; }

    public required string Title { get; set; }

    public required string ContentHash { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
