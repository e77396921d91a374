namespace QuestionBank.Data.Entities;

public sealed class Document : ImportedMarkdown
{
    public long Id { get; set; }

    public required string Slug { get; set; }

    public List<Section> Sections { get; set; } = [];

    public List<Question> Questions { get; set; } = [];

    public List<DocumentImage> Images { get; set; } = [];
}
