using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Queries;

public sealed record DocumentSummary(string Slug, string Title, int QuestionCount, IReadOnlyList<SectionSummary> Sections);

/// <summary>A document as its page shows it: its source (the page renders the text outside the questions), the questions the site shows, its images.</summary>
public sealed record DocumentDetail(
    string Slug, string Title, string SourceName, string Markdown, IReadOnlySet<string> VisibleQuestions, IReadOnlyDictionary<string, string> Images);

public sealed record SectionSummary(int Position, string Title, int QuestionCount);

public sealed record QuestionFilter(int Page = 1, int PageSize = 20, string? Document = null, int? Section = null, QuestionKind? Kind = null);

public sealed record QuestionListItem(string Slug, string Number, string Title, QuestionKind Kind, string Document, string DocumentTitle, int Section, string SectionTitle, string? Exercise);

public sealed record Paged<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public sealed record QuestionLink(string Slug, string Title);

/// <summary>A similar question; TitleRepeats: another document has a question of the same title, so the list names this one's document.</summary>
public sealed record SimilarQuestion(string Slug, string Title, string DocumentTitle, bool TitleRepeats);

public sealed record QuestionDetail(
    string Slug,
    string Number,
    string Title,
    QuestionKind Kind,
    string Document,
    string DocumentTitle,
    int Section,
    string SectionTitle,
    string BodyMarkdown,
    IReadOnlyList<QuestionPart> Parts,
    IReadOnlyList<CodeSample> CodeBlocks,
    QuestionLink? Previous,
    QuestionLink? Next,
    IReadOnlyList<SimilarQuestion> Similar,
    IReadOnlyList<GlossaryEntry> Terms,
    IReadOnlyDictionary<string, string> Images,
    string? ExerciseId,
    ExerciseSource ExerciseSource)
{
    /// <summary>
    /// The <see cref="Terms"/> the title or the prompt names. A self-test shows only these before the
    /// answer: a term found only in the answer would give the answer away.
    /// </summary>
    public IReadOnlyList<GlossaryEntry> PromptTerms { get; init; } = [];
}

public sealed record SearchHit(string Slug, string Title, string Document, string Snippet, double Score);

public enum SuggestionKind
{
    Term,
    Question,
}

/// <summary>A suggestion: a glossary term (Target is the text to search for) or a question (Target is its slug).</summary>
public sealed record Suggestion(SuggestionKind Kind, string Text, string Target);
