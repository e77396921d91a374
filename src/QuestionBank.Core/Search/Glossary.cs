namespace QuestionBank.Core.Search;

/// <summary>One glossary term: its Chinese and English forms, then abbreviations and variants.</summary>
/// <param name="Chinese">The Chinese form, shown first on a chip.</param>
/// <param name="English">The English form.</param>
/// <param name="Variants">Abbreviations and other spellings, in either language.</param>
public sealed record GlossaryEntry(string Chinese, string English, IReadOnlyList<string> Variants)
{
    /// <summary>Every form, the Chinese and English first.</summary>
    public IEnumerable<string> Forms => new[] { Chinese, English }.Concat(Variants).Where(f => f.Length > 0);

    /// <summary>What a chip says, e.g. "过拟合 overfitting".</summary>
    public string Label => English.Length == 0 ? Chinese : $"{Chinese} {English}";
}

/// <summary>
/// The bilingual glossary, indexed for finding its terms in a query or a text: the longest form
/// that matches at a position wins, Latin forms only as whole words, any case.
/// </summary>
public sealed class Glossary
{
    private readonly Dictionary<char, List<(string Form, GlossaryEntry Entry)>> _byFirstChar = [];

    /// <summary>Indexes the entries.</summary>
    /// <param name="entries">The terms, in the glossary's order.</param>
    public Glossary(IReadOnlyList<GlossaryEntry> entries)
    {
        Entries = entries;
        foreach (var entry in entries)
        {
            foreach (var form in entry.Forms.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var key = char.ToLowerInvariant(form[0]);
                if (!_byFirstChar.TryGetValue(key, out var list))
                {
                    _byFirstChar[key] = list = [];
                }

                list.Add((form, entry));
            }
        }

        foreach (var list in _byFirstChar.Values)
        {
            list.Sort((a, b) => b.Form.Length.CompareTo(a.Form.Length));
        }

        Words = entries.SelectMany(e => e.Forms)
            .SelectMany(f => SearchTokenizer.Tokenize(f).Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        ChineseForms = entries.SelectMany(e => e.Forms).Where(f => f.All(SearchTokenizer.IsCjk)).Distinct().ToList();
    }

    /// <summary>A glossary with no terms.</summary>
    public static Glossary Empty { get; } = new([]);

    /// <summary>The terms, in the glossary's order.</summary>
    public IReadOnlyList<GlossaryEntry> Entries { get; }

    /// <summary>Every lower-cased Latin word of every form, for telling a typo from a known word.</summary>
    public IReadOnlySet<string> Words { get; }

    /// <summary>The forms written only in CJK characters, for segmentation and for correcting typos.</summary>
    public IReadOnlyList<string> ChineseForms { get; }

    /// <summary>Finds terms in text, longest form first, without overlaps.</summary>
    /// <param name="text">A query or a question's text.</param>
    /// <returns>Each match's position, length and term, in text order.</returns>
    public IReadOnlyList<GlossaryMatch> FindIn(string text)
    {
        var matches = new List<GlossaryMatch>();
        var i = 0;
        while (i < text.Length)
        {
            var match = MatchAt(text, i);
            if (match is null)
            {
                i++;
                continue;
            }

            matches.Add(match);
            i += match.Length;
        }

        return matches;
    }

    private GlossaryMatch? MatchAt(string text, int start)
    {
        if (!_byFirstChar.TryGetValue(char.ToLowerInvariant(text[start]), out var candidates))
        {
            return null;
        }

        // A Latin form must start and end at word boundaries: "lr" is not inside "lrn", nor "GAN" inside "organ".
        if (IsWordChar(text[start]) && start > 0 && IsWordChar(text[start - 1]))
        {
            return null;
        }

        foreach (var (form, entry) in candidates)
        {
            if (start + form.Length > text.Length
                || string.Compare(text, start, form, 0, form.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                continue;
            }

            var end = start + form.Length;
            if (IsWordChar(form[^1]) && end < text.Length && IsWordChar(text[end]))
            {
                continue;
            }

            return new GlossaryMatch(start, form.Length, entry);
        }

        return null;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c);
}

/// <summary>A glossary term found in text.</summary>
/// <param name="Start">Where it starts.</param>
/// <param name="Length">How many characters it covers.</param>
/// <param name="Entry">The term.</param>
public sealed record GlossaryMatch(int Start, int Length, GlossaryEntry Entry);
