namespace QuestionBank.Data.Entities;

public sealed class Section
{
    public long Id { get; set; }

    public long DocumentId { get; set; }

    public Document Document { get; set; } = null!;

    public int Position { get; set; }

    public required string Title { get; set; }

    public List<Question> Questions { get; set; } = [];
}
