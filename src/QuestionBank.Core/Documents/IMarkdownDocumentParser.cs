namespace QuestionBank.Core.Documents;

/// <summary>Turns a Q&amp;A markdown file into a <see cref="ParsedDocument"/>.</summary>
public interface IMarkdownDocumentParser
{
    /// <summary>Parses raw file bytes, which must be UTF-8 text.</summary>
    /// <param name="sourceName">The file name; it gives the document's slug and appears in errors.</param>
    /// <param name="content">The file's bytes.</param>
    /// <exception cref="DocumentParseException">The file is not UTF-8 or has an unclosed code fence.</exception>
    /// <exception cref="NoQuestionsException">The file is empty or has no questions.</exception>
    ParsedDocument Parse(string sourceName, ReadOnlySpan<byte> content);
}

/// <summary>A document that cannot be imported, with the file and, where known, the line at fault.</summary>
public class DocumentParseException(string sourceName, int? line, ImportMessage reason)
    : Exception(line is null ? $"{sourceName}: {reason}" : $"{sourceName}, line {line}: {reason}")
{
    /// <summary>The file that failed.</summary>
    public string SourceName { get; } = sourceName;

    /// <summary>1-based line of the problem, when it has one.</summary>
    public int? Line { get; } = line;

    /// <summary>What is wrong, for a person (the message says it in English).</summary>
    public ImportMessage Reason { get; } = reason;
}

/// <summary>
/// A readable markdown file with no question in it (a contributor list, a changelog, a table of
/// contents, an empty placeholder): an import of a folder skips it with a warning, and refuses it only
/// when it is all there is.
/// </summary>
public sealed class NoQuestionsException(string sourceName, ImportMessage reason) : DocumentParseException(sourceName, null, reason)
{
    /// <summary>A file with text but no numbered heading.</summary>
    public NoQuestionsException(string sourceName)
        : this(sourceName, ImportMessages.NoQuestions.With())
    {
    }
}
