namespace QuestionBank.Data.Entities;

/// <summary>The imported glossary file (one at a time); search parses its terms from the markdown.</summary>
public sealed class GlossarySource
{
    public long Id { get; set; }

    public required string SourceName { get; set; }

    public required string Title { get; set; }

    public required string ContentHash { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
