using Markdig.Renderers;

namespace QuestionBank.Core.Rendering;

/// <summary>
/// A small hand-written scanner that wraps tokens of source code in <c>tok-*</c> spans
/// (<c>tok-kw</c>, <c>tok-str</c>, <c>tok-com</c>, <c>tok-num</c>, <c>tok-fn</c>, <c>tok-builtin</c>).
/// One scanner serves every language; a <see cref="LanguageDefinition"/> supplies the differences.
/// Supported: Python (<c>python</c>, <c>py</c>), C# (<c>csharp</c>, <c>cs</c>, <c>c#</c>), shell (<c>bash</c>, <c>sh</c>).
/// </summary>
public static class CodeHighlighter
{
    /// <summary>Highlights code as HTML; everything is HTML-escaped.</summary>
    /// <param name="code">The source code.</param>
    /// <param name="language">A fenced block's language name; unknown or <c>null</c> gives escaped plain text.</param>
    /// <returns>The escaped code with token spans, without the surrounding <c>pre</c>/<c>code</c> elements.</returns>
    public static string Highlight(string code, string? language)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        if (LanguageDefinition.Find(language) is { } definition)
        {
            Write(renderer, code, definition);
        }
        else
        {
            renderer.WriteEscape(code);
        }

        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// Highlights code as a whole block, the way the markdown pipeline renders a fenced block of that
    /// language: <c>&lt;pre class="code"&gt;&lt;code class="language-…"&gt;…&lt;/code&gt;&lt;/pre&gt;</c>.
    /// For code that did not come from markdown (a submitted source): nothing in it is read as markdown.
    /// </summary>
    /// <param name="code">The source code.</param>
    /// <param name="language">The language name, as in a fence's info string; unknown names give escaped plain text.</param>
    /// <returns>The block's HTML; everything in <paramref name="code"/> and <paramref name="language"/> is HTML-escaped.</returns>
    public static string HighlightBlock(string code, string language)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        renderer.Write("<pre class=\"code\"><code class=\"language-").WriteEscape(language).Write("\">");
        if (LanguageDefinition.Find(language) is { } definition)
        {
            Write(renderer, code, definition);
        }
        else
        {
            renderer.WriteEscape(code);
        }

        if (code.Length > 0 && !code.EndsWith('\n'))
        {
            renderer.WriteLine();
        }

        renderer.Write("</code></pre>");
        writer.Flush();
        return writer.ToString();
    }

    internal static void Write(HtmlRenderer renderer, string code, LanguageDefinition lang)
    {
        var plainStart = 0;
        for (var i = 0; i < code.Length;)
        {
            var (end, cssClass) = Scan(code, i, lang);
            if (cssClass is not null)
            {
                renderer.WriteEscape(code.AsSpan(plainStart, i - plainStart));
                renderer.Write("<span class=\"").Write(cssClass).Write("\">");
                renderer.WriteEscape(code.AsSpan(i, end - i));
                renderer.Write("</span>");
                plainStart = end;
            }
            i = end;
        }

        renderer.WriteEscape(code.AsSpan(plainStart));
    }

    /// <summary>The token that starts at <paramref name="i"/>: where it ends, and its class (null for plain text).</summary>
    private static (int End, string? CssClass) Scan(string code, int i, LanguageDefinition lang)
    {
        var c = code[i];
        if (IsLineComment(code, i, lang))
        {
            return (IndexOrEnd(code, "\n", i), "tok-com");
        }
        if (lang.BlockComment is { } block && At(code, i, block.Start))
        {
            var end = code.IndexOf(block.End, i + block.Start.Length, StringComparison.Ordinal);
            return (end < 0 ? code.Length : end + block.End.Length, "tok-com");
        }
        if (StringQuoteAt(code, i, lang) is var quote and >= 0)
        {
            return (ScanString(code, i, quote, lang), "tok-str");
        }
        if (char.IsAsciiDigit(c))
        {
            return (ScanNumber(code, i), "tok-num");
        }
        if (!char.IsLetter(c) && c != '_')
        {
            return (i + 1, null);
        }

        var wordEnd = i + 1;
        while (wordEnd < code.Length && IsIdentifierPart(code[wordEnd]))
        {
            wordEnd++;
        }
        var word = code[i..wordEnd];
        return (wordEnd, lang.Keywords.Contains(word) ? "tok-kw"
            : lang.Builtins.Contains(word) ? "tok-builtin"
            : wordEnd < code.Length && code[wordEnd] == '(' ? "tok-fn"
            : null);
    }

    private static bool IsLineComment(string code, int i, LanguageDefinition lang) =>
        At(code, i, lang.LineComment) && (!lang.CommentAfterSpaceOnly || i == 0 || char.IsWhiteSpace(code[i - 1]));

    /// <summary>The index of the opening quote if a string literal (with any prefix) starts at <paramref name="i"/>, else -1.</summary>
    private static int StringQuoteAt(string code, int i, LanguageDefinition lang)
    {
        var j = i;
        while (j < code.Length && j - i < 2 && lang.StringPrefixes.Contains(code[j], StringComparison.Ordinal))
        {
            j++;
        }

        return j < code.Length && lang.Quotes.Contains(code[j], StringComparison.Ordinal) ? j : -1;
    }

    /// <summary>Returns the end (exclusive) of the string literal whose opening quote is at <paramref name="q"/>.</summary>
    private static int ScanString(string code, int start, int q, LanguageDefinition lang)
    {
        var quote = code[q];
        var triple = new string(quote, 3);
        if (At(code, q, triple))
        {
            var end = IndexOrEnd(code, triple, q + 3, escapes: lang.VerbatimPrefix is null);
            return Math.Min(end + 3, code.Length);
        }

        var verbatim = lang.VerbatimPrefix is { } v && code.AsSpan(start, q - start).Contains(v);
        var i = q + 1;
        while (i < code.Length && code[i] != quote && (verbatim || code[i] != '\n'))
        {
            i += !verbatim && code[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, code.Length);
    }

    private static int ScanNumber(string code, int i)
    {
        var hex = At(code, i, "0x") || At(code, i, "0X");
        i++;
        while (i < code.Length)
        {
            var c = code[i];
            var exponentSign = !hex && (c is '+' or '-') && code[i - 1] is 'e' or 'E';
            var fraction = c == '.' && i + 1 < code.Length && char.IsAsciiDigit(code[i + 1]);
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || fraction || exponentSign))
            {
                break;
            }

            i++;
        }

        return i;
    }

    /// <summary>The index of <paramref name="text"/> at or after <paramref name="from"/> (skipping backslash escapes if asked), or the code's length.</summary>
    private static int IndexOrEnd(string code, string text, int from, bool escapes = false)
    {
        for (var i = from; i < code.Length; i++)
        {
            if (escapes && code[i] == '\\')
            {
                i++;
            }
            else if (At(code, i, text))
            {
                return i;
            }
        }

        return code.Length;
    }

    private static bool At(string code, int i, string text) => code.AsSpan(i).StartsWith(text, StringComparison.Ordinal);

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
