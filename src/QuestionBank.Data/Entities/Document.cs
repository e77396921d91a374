namespace QuestionBank.Data.Entities;

public sealed class Document
{
    public long Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string SourceName { get; set; }

    public required string ContentHash { get; set; }

    public required string Markdown { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<Section> Sections { get; set; } = [];

    public List<Question> Questions { get; set; } = [];

    public List<DocumentImage> Images { get; set; } = [];
}
