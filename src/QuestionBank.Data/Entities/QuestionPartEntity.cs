using QuestionBank.Core.Documents;

namespace QuestionBank.Data.Entities;

/// <summary>A labelled part of a question (named apart from Core's <see cref="QuestionPart"/> record).</summary>
public sealed class QuestionPartEntity
{
    public long Id { get; set; }

    public long QuestionId { get; set; }

    public int Position { get; set; }

    public PartKind Kind { get; set; }

    public required string Label { get; set; }

    public required string Markdown { get; set; }
}
