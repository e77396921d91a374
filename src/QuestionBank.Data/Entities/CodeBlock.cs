namespace QuestionBank.Data.Entities;

public sealed class CodeBlock
{
    public long Id { get; set; }

    public long QuestionId { get; set; }

    public int Position { get; set; }

    public required string Language { get; set; }

    public required string Code { get; set; }
}
