using Microsoft.Extensions.Localization;
using QuestionBank.Contracts;

namespace QuestionBank.Web.Localization;

/// <summary>Run messages (<see cref="RunMessages"/>) in the request's language.</summary>
public static class RunMessageText
{
    /// <summary>
    /// The message in the reader's language: its key's resource with its arguments, else its text as stored
    /// (content, a row written before message keys, or a key this version has no words for).
    /// </summary>
    public static string Show(this IStringLocalizer text, RunMessage message)
    {
        if (message.Key is null || text[message.Key] is not { ResourceNotFound: false } words)
        {
            return message.Text;
        }
        try
        {
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, words.Value, [.. message.Arguments]);
        }
        catch (FormatException)
        {
            // Fewer arguments than the words ask for: a row from another version of the message.
            return message.Text;
        }
    }
}
