namespace QuestionBank.Core.Search;

/// <summary>
/// The words the bank and the glossary contain, with how many questions hold each: it tells a typo
/// from a known word, corrects typos to the nearest frequent word, and gives terms their weight.
/// </summary>
public sealed class SearchVocabulary
{
    private readonly IReadOnlyDictionary<string, int> questions;
    private readonly HashSet<string> latinStems = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> latinByLength = [];
    private readonly HashSet<string> bigrams = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<string>> bigramsByFirst = [];
    private readonly Dictionary<char, List<string>> bigramsBySecond = [];

    /// <summary>Builds the vocabulary.</summary>
    /// <param name="questions">Each indexed word (Latin word, code identifier or CJK bigram) with the number of questions holding it.</param>
    /// <param name="questionCount">Questions in the bank.</param>
    /// <param name="glossary">The glossary, whose words are known even where no question has them.</param>
    public SearchVocabulary(IReadOnlyDictionary<string, int> questions, int questionCount, Glossary glossary)
    {
        this.questions = questions;
        QuestionCount = Math.Max(questionCount, 1);
        Glossary = glossary;
        var glossaryBigrams = glossary.ChineseForms.SelectMany(f => SearchTokenizer.Tokenize(f).Cjk).Where(b => b.Length == 2);
        var latin = questions.Where(p => p.Value > 0).Select(p => p.Key).Where(w => w.All(char.IsAsciiLetterOrDigit)).Concat(glossary.Words);
        foreach (var word in latin.Distinct(StringComparer.Ordinal))
        {
            latinStems.Add(EnglishStemmer.Stem(word));
            if (word.Any(char.IsAsciiLetter))
            {
                Add(latinByLength, word.Length, word);
            }
        }

        var cjk = questions.Where(p => p.Value > 0 && p.Key.Length == 2 && p.Key.All(SearchTokenizer.IsCjk)).Select(p => p.Key);
        foreach (var bigram in cjk.Concat(glossaryBigrams).Where(bigrams.Add))
        {
            Add(bigramsByFirst, bigram[0], bigram);
            Add(bigramsBySecond, bigram[1], bigram);
        }
    }

    /// <summary>Questions in the bank.</summary>
    public int QuestionCount { get; }

    /// <summary>The glossary the vocabulary was built with.</summary>
    public Glossary Glossary { get; }

    /// <summary>How many questions hold an indexed word (0 for a word no question has).</summary>
    /// <param name="word">A lower-cased Latin word, a code identifier's whole form or a CJK bigram.</param>
    public int Frequency(string word) => questions.TryGetValue(word, out var n) ? Math.Max(n, 0) : 0;

    /// <summary>True for a Latin word the bank or the glossary has, or a form of one (trained, training → train).</summary>
    /// <param name="word">A lower-cased Latin word.</param>
    public bool KnowsWord(string word) => latinStems.Contains(EnglishStemmer.Stem(word));

    /// <summary>True for a CJK bigram that the bank or the glossary has.</summary>
    /// <param name="bigram">Two CJK characters.</param>
    public bool KnowsBigram(string bigram) => bigrams.Contains(bigram);

    /// <summary>
    /// The known word nearest an unknown Latin word: at most one edit for words of five to seven
    /// letters, two for longer ones (shorter words are too easily another word); the most frequent wins a tie.
    /// </summary>
    /// <param name="word">A lower-cased Latin word.</param>
    /// <returns>The correction, or null when the word is known, short, or nothing is near.</returns>
    public string? CorrectWord(string word)
    {
        if (word.Length < 5 || !word.All(char.IsAsciiLetter) || KnowsWord(word))
        {
            return null;
        }

        var limit = word.Length <= 7 ? 1 : 2;
        string? best = null;
        var bestDistance = limit + 1;
        var bestFrequency = -1;
        for (var length = word.Length - limit; length <= word.Length + limit; length++)
        {
            if (!latinByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                var distance = EditDistance.Bounded(word, candidate, limit);
                var frequency = Frequency(candidate);
                if (distance > limit)
                {
                    continue;
                }

                if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
                {
                    (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Corrects one-character typos in a run of CJK text (Chinese typos are mostly a homophone in
    /// place of the right character): first to a glossary term one character away whose changed
    /// character made an unknown bigram, then, in a short run, to the most frequent known bigrams.
    /// </summary>
    /// <param name="run">Consecutive CJK characters.</param>
    /// <param name="segmenter">
    /// The dictionary: a character that belongs to a word reaching outside a term-sized window is not
    /// a typo of that term (训练太慢 is not 训练集), nor is one at its edge when the rest is a word (好模型 is not 大模型).
    /// </param>
    /// <returns>The corrected run (the same string when nothing needed correcting).</returns>
    public string CorrectChinese(string run, IWordSegmenter segmenter)
    {
        var words = segmenter.Cut(run);
        var chars = run.ToCharArray();
        var fixedAt = new bool[chars.Length];
        var wordStart = new int[chars.Length];
        var wordEnd = new int[chars.Length];
        var offset = 0;
        foreach (var word in words)
        {
            for (var k = offset; k < offset + word.Length && k < chars.Length; k++)
            {
                (wordStart[k], wordEnd[k]) = (offset, offset + word.Length);
            }

            offset += word.Length;
        }

        foreach (var form in Glossary.ChineseForms.Where(f => f.Length >= 3 && f.Length <= chars.Length).OrderByDescending(f => f.Length))
        {
            for (var start = 0; start + form.Length <= chars.Length; start++)
            {
                var mismatch = -1;
                for (var k = 0; k < form.Length; k++)
                {
                    if (chars[start + k] != form[k])
                    {
                        mismatch = mismatch == -1 ? start + k : -2;
                    }
                }

                var end = start + form.Length;
                if (mismatch >= 0 && !fixedAt[mismatch]
                    && wordStart[mismatch] >= start && wordEnd[mismatch] <= end
                    && TouchesUnknownBigram(chars, mismatch, start, end)
                    && !(mismatch == start && segmenter.IsWord(new string(chars, start + 1, form.Length - 1)))
                    && !(mismatch == end - 1 && segmenter.IsWord(new string(chars, start, form.Length - 1))))
                {
                    chars[mismatch] = form[mismatch - start];
                    fixedAt[mismatch] = true;
                }
            }
        }

        if (chars.Length <= 4 && !fixedAt.Any(f => f))
        {
            CorrectOneCharacter(chars);
        }

        return new string(chars);
    }

    private void CorrectOneCharacter(char[] chars)
    {
        var unknown = Enumerable.Range(0, chars.Length - 1).Where(i => !KnowsBigram(new string(chars, i, 2))).ToList();
        if (unknown.Count is 0 or > 2 || (unknown.Count == 2 && unknown[1] != unknown[0] + 1))
        {
            return;
        }

        // One wrong character explains one unknown bigram (at either of its ends) or two neighbouring ones (their shared character).
        var positions = unknown.Count == 2 ? [unknown[1]] : new[] { unknown[0], unknown[0] + 1 };
        (int Position, char Char, int Frequency)? best = null;
        foreach (var p in positions)
        {
            var candidates = p > 0
                ? bigramsByFirst.GetValueOrDefault(chars[p - 1], []).Select(b => b[1])
                : bigramsBySecond.GetValueOrDefault(chars[p + 1], []).Select(b => b[0]);
            foreach (var c in candidates.Distinct())
            {
                var left = p > 0 ? Frequency($"{chars[p - 1]}{c}") : int.MaxValue;
                var right = p + 1 < chars.Length ? Frequency($"{c}{chars[p + 1]}") : int.MaxValue;
                var frequency = Math.Min(left, right);
                if (frequency >= 2 && (best is null || frequency > best.Value.Frequency))
                {
                    best = (p, c, frequency);
                }
            }
        }

        if (best is { } fix)
        {
            chars[fix.Position] = fix.Char;
        }
    }

    /// <summary>True when the character at p makes a bigram no question or term has, within [start, end).</summary>
    private bool TouchesUnknownBigram(char[] chars, int p, int start, int end) =>
        (p > start && !KnowsBigram(new string(chars, p - 1, 2))) || (p + 1 < end && !KnowsBigram(new string(chars, p, 2)));

    private static void Add<TKey>(Dictionary<TKey, List<string>> index, TKey key, string word)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(word);
    }
}
