using NpgsqlTypes;
using QuestionBank.Core.Documents;

namespace QuestionBank.Data.Entities;

public sealed class Question
{
    public long Id { get; set; }

    public required string Slug { get; set; }

    public long DocumentId { get; set; }

    public Document Document { get; set; } = null!;

    public long SectionId { get; set; }

    public Section Section { get; set; } = null!;

    /// <summary>Order within its document, so previous / next follow the source.</summary>
    public int Position { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    public QuestionKind Kind { get; set; }

    public required string BodyMarkdown { get; set; }

    /// <summary>The body without markdown, for search snippets.</summary>
    public required string BodyText { get; set; }

    /// <summary>Title terms as produced by the search tokeniser; PostgreSQL derives the vectors from them.</summary>
    public required string SearchTitle { get; set; }

    public required string SearchBody { get; set; }

    /// <summary>Hidden by an admin: kept, and kept through re-imports, but not shown to readers.</summary>
    public bool IsHidden { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;

    public NpgsqlTsVector TitleVector { get; set; } = null!;

    public List<QuestionPartEntity> Parts { get; set; } = [];

    public List<CodeBlock> CodeBlocks { get; set; } = [];
}
