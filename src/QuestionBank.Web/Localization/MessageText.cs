using System.Globalization;
using Microsoft.Extensions.Localization;
using QuestionBank.Contracts;
using QuestionBank.Core.Documents;

namespace QuestionBank.Web.Localization;

/// <summary>Keyed messages (<see cref="RunMessages"/>, <see cref="ImportMessages"/>) in the request's language.</summary>
public static class MessageText
{
    /// <summary>
    /// The message in the reader's language: its key's resource with its arguments, else its text as stored
    /// (content, a row written before message keys, or a key this version has no words for).
    /// </summary>
    public static string Show(this IStringLocalizer text, RunMessage message) => Show(text, message.Key, message.Arguments, message.Text);

    /// <summary>The importer's message in the reader's language; the document's words in it stay as written.</summary>
    public static string Show(this IStringLocalizer text, ImportMessage message) => Show(text, message.Key, message.Arguments, message.Text);

    /// <summary>A refused file in the reader's language: the file (and line, when known), then why.</summary>
    public static string Show(this IStringLocalizer text, DocumentParseException refusal) => refusal.Line is { } line
        ? text["{0}, line {1}: {2}", refusal.SourceName, line, text.Show(refusal.Reason)]
        : text["{0}: {1}", refusal.SourceName, text.Show(refusal.Reason)];

    private static string Show(IStringLocalizer text, string? key, IReadOnlyList<string> arguments, string english)
    {
        if (key is null || text[key] is not { ResourceNotFound: false } words)
        {
            return english;
        }
        try
        {
            return string.Format(CultureInfo.CurrentCulture, words.Value, [.. arguments]);
        }
        catch (FormatException)
        {
            // Fewer arguments than the words ask for: a row from another version of the message.
            return english;
        }
    }
}
