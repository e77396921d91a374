using System.Collections.Frozen;

namespace QuestionBank.Core.Rendering;

/// <summary>What <see cref="CodeHighlighter"/> needs to know about a language's lexical rules.</summary>
/// <param name="Keywords">Words highlighted as <c>tok-kw</c>.</param>
/// <param name="Builtins">Words highlighted as <c>tok-builtin</c>.</param>
/// <param name="LineComment">Starts a comment running to the end of the line.</param>
/// <param name="BlockComment">Start and end of a block comment, if the language has one.</param>
/// <param name="Quotes">Characters that open (and close) a string literal.</param>
/// <param name="StringPrefixes">Characters that may directly precede a quote as part of the literal (<c>f"…"</c>, <c>@"…"</c>).</param>
/// <param name="VerbatimPrefix">A prefix that turns off backslash escapes and allows line breaks (C#'s <c>@</c>).</param>
/// <param name="CommentAfterSpaceOnly">The line comment only counts at the start of a word (shell: <c>${#a}</c> is no comment).</param>
internal sealed record LanguageDefinition(
    FrozenSet<string> Keywords,
    FrozenSet<string> Builtins,
    string LineComment,
    (string Start, string End)? BlockComment,
    string Quotes,
    string StringPrefixes,
    char? VerbatimPrefix,
    bool CommentAfterSpaceOnly)
{
    public static readonly LanguageDefinition Python = new(
        Words("and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield"),
        Words("print len range True False None self cls int str float bool list dict set tuple bytes object type super isinstance enumerate zip map filter sorted reversed sum min max abs any all iter next open input repr hash id Exception ValueError TypeError KeyError IndexError"),
        "#",
        null,
        "\"'",
        "rRbBfFuU",
        null,
        false);

    public static readonly LanguageDefinition CSharp = new(
        Words("abstract as async await base bool break byte case catch char checked class const continue decimal default delegate do double else enum event explicit extern false finally fixed float for foreach get goto if implicit in init int interface internal is lock long namespace new not null object operator out override params private protected public readonly record ref required return sbyte sealed set short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using var virtual void volatile when where while with yield"),
        Words("Console Math List Dictionary HashSet Queue Stack Task Span Enumerable StringBuilder nameof"),
        "//",
        ("/*", "*/"),
        "\"'",
        "@$",
        '@',
        false);

    public static readonly LanguageDefinition Shell = new(
        Words("if then else elif fi for while until do done case esac in function return export local select"),
        Words("echo cd ls cat grep sed awk printf read source exit set unset test true false sudo"),
        "#",
        null,
        "\"'",
        "",
        null,
        true);

    private static readonly FrozenDictionary<string, LanguageDefinition> ByName = new Dictionary<string, LanguageDefinition>
    {
        ["python"] = Python,
        ["py"] = Python,
        ["python3"] = Python,
        ["csharp"] = CSharp,
        ["cs"] = CSharp,
        ["c#"] = CSharp,
        ["bash"] = Shell,
        ["sh"] = Shell,
        ["shell"] = Shell,
        ["zsh"] = Shell,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Looks up a fenced block's info string; <c>null</c> for unknown or missing languages.</summary>
    public static LanguageDefinition? Find(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim(), out var language) ? language : null;

    private static FrozenSet<string> Words(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
