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
/// that matches at a position wins. Forms written in Latin words match word by word on their
/// stems, any case (overfitting, over-fitting and overfits all find 过拟合); other forms match as written.
/// </summary>
public sealed class Glossary
{
    private readonly Dictionary<char, List<(string Form, GlossaryEntry Entry)>> exactByFirstChar = [];
    private readonly Dictionary<string, List<(string[] Stems, GlossaryEntry Entry)>> wordsByFirstStem = new(StringComparer.Ordinal);

    /// <summary>Indexes the entries.</summary>
    /// <param name="entries">The terms, in the glossary's order.</param>
    public Glossary(IReadOnlyList<GlossaryEntry> entries)
    {
        Entries = entries;
        foreach (var entry in entries)
        {
            foreach (var form in entry.Forms.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (form.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
                {
                    var stems = LatinWords(form).Select(w => EnglishStemmer.Stem(w.Word)).ToArray();
                    Add(wordsByFirstStem, stems[0], (stems, entry));
                }
                else
                {
                    Add(exactByFirstChar, char.ToLowerInvariant(form[0]), (form, entry));
                }
            }
        }

        foreach (var list in exactByFirstChar.Values)
        {
            list.Sort((a, b) => b.Form.Length.CompareTo(a.Form.Length));
        }

        foreach (var list in wordsByFirstStem.Values)
        {
            list.Sort((a, b) => b.Stems.Length.CompareTo(a.Stems.Length));
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
    public IReadOnlyCollection<string> Words { get; }

    /// <summary>The forms written only in CJK characters, for segmentation and for correcting typos.</summary>
    public IReadOnlyList<string> ChineseForms { get; }

    /// <summary>Finds terms in text, longest form first, without overlaps.</summary>
    /// <param name="text">A query or a question's text.</param>
    /// <returns>Each match's position, length and term, in text order.</returns>
    public IReadOnlyList<GlossaryMatch> FindIn(string text)
    {
        var words = LatinWords(text).ToList();
        var stems = words.Select(w => EnglishStemmer.Stem(w.Word)).ToArray();
        var wordAt = new Dictionary<int, int>();
        for (var k = 0; k < words.Count; k++)
        {
            wordAt[words[k].Start] = k;
        }

        var matches = new List<GlossaryMatch>();
        var i = 0;
        while (i < text.Length)
        {
            var exact = ExactAt(text, i);
            var stemmed = wordAt.TryGetValue(i, out var index) ? StemsAt(words, stems, index) : null;
            var match = stemmed is not null && (exact is null || stemmed.Length >= exact.Length) ? stemmed : exact;
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

    private GlossaryMatch? StemsAt(List<(int Start, string Word)> words, string[] stems, int first)
    {
        if (!wordsByFirstStem.TryGetValue(stems[first], out var candidates))
        {
            return null;
        }

        foreach (var (formStems, entry) in candidates)
        {
            if (first + formStems.Length <= stems.Length && formStems.AsSpan().SequenceEqual(stems.AsSpan(first, formStems.Length)))
            {
                var last = words[first + formStems.Length - 1];
                return new GlossaryMatch(words[first].Start, last.Start + last.Word.Length - words[first].Start, entry);
            }
        }

        return null;
    }

    private GlossaryMatch? ExactAt(string text, int start)
    {
        if (!exactByFirstChar.TryGetValue(char.ToLowerInvariant(text[start]), out var candidates)
            || (char.IsAsciiLetterOrDigit(text[start]) && start > 0 && char.IsAsciiLetterOrDigit(text[start - 1])))
        {
            return null;
        }

        foreach (var (form, entry) in candidates)
        {
            var end = start + form.Length;
            if (end <= text.Length
                && string.Compare(text, start, form, 0, form.Length, StringComparison.OrdinalIgnoreCase) == 0
                // A form ending in a letter ends at a word boundary: "L1" is not the start of "L10".
                && !(char.IsAsciiLetterOrDigit(form[^1]) && end < text.Length && char.IsAsciiLetterOrDigit(text[end])))
            {
                return new GlossaryMatch(start, form.Length, entry);
            }
        }

        return null;
    }

    /// <summary>The runs of ASCII letters and digits, lower-cased, with where each starts.</summary>
    private static IEnumerable<(int Start, string Word)> LatinWords(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
            }

            yield return (start, text[start..i].ToLowerInvariant());
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}

/// <summary>A glossary term found in text.</summary>
/// <param name="Start">Where it starts.</param>
/// <param name="Length">How many characters it covers.</param>
/// <param name="Entry">The term.</param>
public sealed record GlossaryMatch(int Start, int Length, GlossaryEntry Entry);
