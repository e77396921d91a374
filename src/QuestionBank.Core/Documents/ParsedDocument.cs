namespace QuestionBank.Core.Documents;

/// <summary>A markdown document turned into its title, sections and questions.</summary>
/// <param name="Slug">Stable identity of the document, derived from its path in the upload (folders and file name).</param>
/// <param name="Title">The document's real title (a 《…》 title, its H1 or top heading, else its path's name).</param>
/// <param name="SourceName">The file's path in the upload the document was read from.</param>
/// <param name="ContentHash">SHA-256 (hex) of the UTF-8 source, used to detect unchanged re-imports.</param>
/// <param name="Markdown">The full source text.</param>
/// <param name="Sections">Sections in document order; every question belongs to one.</param>
/// <param name="Passages">The text outside the questions (introductions, section headings and their text, reference lists, the footer), in order.</param>
public sealed record ParsedDocument(
    string Slug,
    string Title,
    string SourceName,
    string ContentHash,
    string Markdown,
    IReadOnlyList<ParsedSection> Sections,
    IReadOnlyList<ParsedPassage> Passages)
{
    /// <summary>The longest document slug: a question's slug adds its section and number to it.</summary>
    public const int MaxSlugLength = 120;

    /// <summary>All questions of the document in order.</summary>
    public IEnumerable<ParsedQuestion> Questions => Sections.SelectMany(s => s.Questions);
}

/// <summary>Markdown outside the questions, shown on the document's page.</summary>
/// <param name="BeforeQuestion">How many of the document's questions come before it: 0 for the introduction, the question count for the footer.</param>
/// <param name="Markdown">The passage's source text, headings included.</param>
public sealed record ParsedPassage(int BeforeQuestion, string Markdown);

/// <summary>A group of questions under an unnumbered heading or a numbered heading with numbered children.</summary>
public sealed record ParsedSection(int Position, string Title, IReadOnlyList<ParsedQuestion> Questions);

/// <summary>A numbered heading with no numbered sub-headings, with everything up to the next heading of the same or higher level.</summary>
/// <param name="Slug">Stable slug, unique across the bank: document slug, section position and number.</param>
/// <param name="Number">The heading's number as written, e.g. "7" or "2.3".</param>
/// <param name="Title">Heading text without the number.</param>
/// <param name="Kind">Concept question or coding exercise.</param>
/// <param name="BodyMarkdown">The markdown under the heading.</param>
/// <param name="Parts">The body split at its labels (题目, 答案, 解析, 源代码实例 …); empty when the body has none.</param>
/// <param name="CodeBlocks">Fenced code blocks in the body, in order.</param>
/// <param name="Line">1-based line of the heading in the source.</param>
/// <param name="ExerciseDeclarations">The question's <c>exercise &lt;id&gt;</c> blocks in order (the first counts); empty when it names none.</param>
public sealed record ParsedQuestion(
    string Slug,
    string Number,
    string Title,
    QuestionKind Kind,
    string BodyMarkdown,
    IReadOnlyList<QuestionPart> Parts,
    IReadOnlyList<CodeSample> CodeBlocks,
    int Line,
    IReadOnlyList<ExerciseDeclaration> ExerciseDeclarations)
{
    /// <summary>The longest question slug: what a run records of the question it was started from.</summary>
    public const int MaxSlugLength = 200;
}

/// <summary>What a question asks for.</summary>
public enum QuestionKind
{
    /// <summary>A question answered in prose.</summary>
    Concept,

    /// <summary>A programming task answered with code.</summary>
    Coding,
}

/// <summary>A labelled part of a question's body.</summary>
/// <param name="Kind">What the part holds.</param>
/// <param name="Label">The label as written, e.g. 满分答案解析.</param>
/// <param name="Markdown">The part's markdown without the label.</param>
public sealed record QuestionPart(PartKind Kind, string Label, string Markdown);

/// <summary>The role of a labelled part.</summary>
public enum PartKind
{
    /// <summary>题目 / 题目描述.</summary>
    Prompt,

    /// <summary>答案 / 答案解析 / 满分答案解析.</summary>
    Answer,

    /// <summary>解析.</summary>
    Analysis,

    /// <summary>代码示例 / 源代码实例 / 源代码.</summary>
    Code,
}

/// <summary>A fenced code block.</summary>
/// <param name="Language">The fence's info string (e.g. python), empty when none or longer than <see cref="MaxLanguageLength"/>.</param>
/// <param name="Code">The code without the fences.</param>
public sealed record CodeSample(string Language, string Code)
{
    /// <summary>The longest language name a fence may give.</summary>
    public const int MaxLanguageLength = 40;
}
