using System.Globalization;

namespace QuestionBank.Core.Documents;

/// <summary>
/// What the importer says about a file, in a form any language can show: a stable <see cref="Key"/> (an
/// <see cref="ImportMessages"/> template, and a resource name in the web app's resources), its
/// <see cref="Arguments"/> as text (the document's own words, such as file names and titles, stay as
/// written there), and its English <see cref="Text"/> for readers without the resources (the CLI, logs).
/// </summary>
public sealed record ImportMessage(string? Key, IReadOnlyList<string> Arguments, string Text)
{
    /// <summary>The English text.</summary>
    public override string ToString() => Text;
}

/// <summary>One kind of <see cref="ImportMessage"/>: its key and its English composite format.</summary>
public sealed record ImportMessageTemplate(string Key, string English)
{
    /// <summary>The message with these arguments, each written as invariant text (format numbers and dates before).</summary>
    public ImportMessage With(params object[] arguments)
    {
        string[] texts = [.. arguments.Select(argument => Convert.ToString(argument, CultureInfo.InvariantCulture) ?? "")];
        return new ImportMessage(Key, texts, string.Format(CultureInfo.InvariantCulture, English, texts));
    }
}
