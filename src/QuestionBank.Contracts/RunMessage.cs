using System.Globalization;

namespace QuestionBank.Contracts;

/// <summary>
/// What the worker, a judge or the API says about a run, in a form any language can show: a stable
/// <see cref="Key"/> (a <see cref="RunMessages"/> template, and a resource name in the web app's
/// resources), its <see cref="Arguments"/> as text, and its English <see cref="Text"/> for readers
/// without the resources (logs, older clients). A message without a key is content (the runner's or
/// the user code's own words) and stays as written.
/// </summary>
public sealed record RunMessage(string? Key, IReadOnlyList<string> Arguments, string Text)
{
    /// <summary>Words that are shown as written, in every language.</summary>
    public static RunMessage Plain(string text) => new(null, [], text);

    public override string ToString() => Text;
}

/// <summary>One kind of <see cref="RunMessage"/>: its key and its English composite format.</summary>
public sealed record RunMessageTemplate(string Key, string English)
{
    /// <summary>The message with these arguments, each written as invariant text (format numbers before, to choose their precision).</summary>
    public RunMessage With(params object[] arguments)
    {
        string[] texts = [.. arguments.Select(argument => Convert.ToString(argument, CultureInfo.InvariantCulture) ?? "")];
        return new RunMessage(Key, texts, string.Format(CultureInfo.InvariantCulture, English, texts));
    }
}
