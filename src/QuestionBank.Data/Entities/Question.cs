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

    /// <summary>The exercise the question's page offers (an ExerciseCatalog id), or null for none.</summary>
    public string? ExerciseId { get; set; }

    /// <summary>Who chose <see cref="ExerciseId"/>; an admin's choice is kept through re-imports that declare nothing.</summary>
    public ExerciseSource ExerciseSource { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;

    public NpgsqlTsVector TitleVector { get; set; } = null!;

    public List<QuestionPartEntity> Parts { get; set; } = [];

    public List<CodeBlock> CodeBlocks { get; set; } = [];
}

/// <summary>Where a question's exercise (or its having none) comes from.</summary>
public enum ExerciseSource
{
    /// <summary>Nothing chose one: not a coding question, or no title keyword matched.</summary>
    None,

    /// <summary>The document's <c>exercise &lt;id&gt;</c> block (<c>exercise none</c> declares no exercise).</summary>
    Declared,

    /// <summary>The fallback: a keyword in a coding question's title.</summary>
    Title,

    /// <summary>An admin attached or detached it on the question page.</summary>
    Admin,
}
