using System.Globalization;
using System.Text;

namespace QuestionBank.Core.Search;

/// <summary>
/// Splits text into what PostgreSQL full-text search can index: Latin words go to the
/// <c>english</c> configuration (lower-cased, stemmed by PostgreSQL), runs of CJK
/// ideographs become overlapping character bigrams (as Lucene's CJK analyzer does),
/// because PostgreSQL's parser would keep a whole Chinese run as one token. Code identifiers joined
/// by dots or underscores (<c>model.fit</c>, <c>x_train</c>) are indexed by their parts and also whole.
/// </summary>
public static class SearchTokenizer
{
    /// <summary>Tokenises text for indexing or querying.</summary>
    /// <param name="text">Plain text (markdown already stripped or a user query).</param>
    /// <returns>The Latin words (space-separated) and the CJK terms (distinct bigrams, or the lone character of a one-character run).</returns>
    public static SearchTerms Tokenize(string text)
    {
        var latin = new StringBuilder(text.Length);
        var cjk = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var run = new StringBuilder();

        void FlushRun()
        {
            if (run.Length == 0)
            {
                return;
            }

            if (run.Length == 1)
            {
                Add(run.ToString());
            }

            for (var i = 0; i + 1 < run.Length; i++)
            {
                Add(run.ToString(i, 2));
            }

            run.Clear();
        }

        void Add(string term)
        {
            if (seen.Add(term))
            {
                cjk.Add(term);
            }
        }

        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                run.Append(c);
                latin.Append(' ');
                continue;
            }

            FlushRun();
            // Keep word characters for the english parser and turn everything else into a
            // separator, so markdown punctuation and tsquery operators never reach PostgreSQL.
            latin.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        FlushRun();
        // Whole identifiers go after the prose so they never sit between two words of a phrase.
        var code = CodeIdentifiers(text).SelectMany(identifier => identifier.Chains).Distinct(StringComparer.Ordinal);
        var words = latin.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(code);
        return new SearchTerms(string.Join(' ', words), cjk);
    }

    /// <summary>
    /// Finds identifiers made of parts joined by dots or underscores (<c>tf.keras.layers.Conv2D</c>,
    /// <c>memory_size</c>). Each comes with its whole form, the lower-cased parts run together: one
    /// letters-and-digits token that PostgreSQL's parser keeps whole (it would split a dotted name at will).
    /// </summary>
    /// <param name="text">Plain text or a query.</param>
    public static IEnumerable<CodeIdentifier> CodeIdentifiers(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsIdentifierStart(text[i]) || (i > 0 && IsIdentifierPart(text[i - 1])))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length
                && (IsIdentifierPart(text[i]) || (text[i] == '.' && i + 1 < text.Length && IsIdentifierStart(text[i + 1]))))
            {
                i++;
            }

            var source = text[start..i];
            var parts = source.Split(['.', '_'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new string(p.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray()))
                .Where(p => p.Length > 0)
                .ToList();
            if (parts.Count > 1)
            {
                yield return new CodeIdentifier(source, parts);
            }
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>True for Han ideographs and the other scripts the CJK analyzer bigrams (kana, hangul).</summary>
    public static bool IsCjk(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category == UnicodeCategory.OtherLetter && c >= '\u2E80' && c < '\uFB00';
    }
}

/// <summary>A code identifier found in text.</summary>
/// <param name="Source">As written, e.g. <c>tf.keras.layers.Conv2D</c>.</param>
/// <param name="Parts">Its lower-cased parts, e.g. tf, keras, layers, conv2d.</param>
public sealed record CodeIdentifier(string Source, IReadOnlyList<string> Parts)
{
    // Beyond this many parts only the chains that start or end the identifier are indexed.
    private const int MaxChainedParts = 6;

    /// <summary>The whole form, e.g. <c>tfkeraslayersconv2d</c>.</summary>
    public string Whole => string.Concat(Parts);

    /// <summary>
    /// Every run of two or more consecutive parts run together (tfkeras, keraslayers, layersconv2d, …):
    /// what is indexed, so <c>layers.Conv2D</c> finds <c>tf.keras.layers.Conv2D</c> as a whole.
    /// </summary>
    public IEnumerable<string> Chains
    {
        get
        {
            for (var start = 0; start < Parts.Count - 1; start++)
            {
                for (var end = start + 2; end <= Parts.Count; end++)
                {
                    if (Parts.Count <= MaxChainedParts || start == 0 || end == Parts.Count)
                    {
                        yield return string.Concat(Parts.Skip(start).Take(end - start));
                    }
                }
            }
        }
    }
}

/// <summary>A text's searchable terms.</summary>
/// <param name="Latin">Lower-cased Latin words and numbers, then the whole forms of code identifiers, space-separated, for PostgreSQL's english configuration.</param>
/// <param name="Cjk">Distinct CJK bigrams (or single characters of one-character runs).</param>
public sealed record SearchTerms(string Latin, IReadOnlyList<string> Cjk)
{
    /// <summary>True when the text had nothing searchable.</summary>
    public bool IsEmpty => Latin.Length == 0 && Cjk.Count == 0;

    /// <summary>The CJK terms space-separated, for <c>to_tsvector('simple', …)</c>.</summary>
    public string CjkText => string.Join(' ', Cjk);
}
