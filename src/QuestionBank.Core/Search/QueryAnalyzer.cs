using System.Text;

namespace QuestionBank.Core.Search;

/// <summary>
/// Turns what a visitor typed into the concepts to look for. Typos are corrected first (and the
/// correction reported); then code identifiers, glossary terms (with all their forms in both
/// languages) and the remaining dictionary words each become a concept, filler words dropped.
/// No concept is required: the search ranks by how many match, which and where.
/// </summary>
public sealed class QueryAnalyzer(IWordSegmenter segmenter)
{
    /// <summary>The most concepts a query is searched for; the rest of a long query is ignored.</summary>
    public const int MaxConcepts = 8;

    // Question words and particles a learner wraps a question in; they say nothing about the topic.
    private static readonly HashSet<string> ChineseFillers =
    [
        "怎么", "怎么办", "怎么样", "怎样", "如何", "什么", "哪些", "哪个", "为什么", "为何", "是否", "是不是",
        "的", "地", "得", "了", "吗", "呢", "吧", "啊", "是", "在", "和", "与", "及", "或", "或者", "以及", "有", "有哪些",
        "中", "对", "把", "被", "让", "给", "我", "你", "我们", "一个", "一些", "这个", "那个", "这些", "那些",
        "进行", "问题", "方法", "可以", "能", "能否", "需要", "应该", "请问", "关于", "之间", "时", "时候", "用", "使用",
        "不够", "太", "很", "更", "要", "会", "做", "怎么做", "常见", "常用", "主要", "哪里", "好", "较", "比较",
    ];

    private static readonly HashSet<string> EnglishFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "to", "of", "in", "on", "at", "for", "with", "how", "what", "which", "why", "when", "where",
        "who", "do", "does", "did", "doing", "i", "we", "you", "my", "our", "your", "is", "are", "was", "were", "be",
        "been", "can", "could", "should", "would", "will", "and", "or", "vs", "versus", "about", "from", "by", "into",
        "it", "its", "this", "that", "these", "those", "there", "way", "ways", "best", "good", "use", "using", "get",
        "make", "between", "difference", "me", "some", "any", "up", "too", "much", "many", "if", "not", "so",
    };

    // PostgreSQL's english stop words (snowball's list): a phrase made mostly of them shrinks to one word in a tsquery.
    private static readonly HashSet<string> StopWords =
    [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was",
        "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and",
        "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between",
        "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off",
        "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any",
        "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
        "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
    ];

    /// <summary>Analyses a query.</summary>
    /// <param name="query">The visitor's text.</param>
    /// <param name="vocabulary">The bank's words and the glossary.</param>
    /// <param name="correct">False to search for the text exactly as typed ("search instead for …").</param>
    public AnalyzedQuery Analyze(string query, SearchVocabulary vocabulary, bool correct = true)
    {
        var corrected = correct ? Correct(query, vocabulary) : null;
        var text = corrected ?? query;
        var concepts = new List<QueryConcept>();
        var remaining = new StringBuilder(text);

        foreach (var identifier in SearchTokenizer.CodeIdentifiers(text))
        {
            // The whole identifier (as a prefix: model.fit also finds model.fit_generator) weighs more
            // than its parts, so model.fit( outranks create_image_model's "model" and "fit".
            var whole = $"'{identifier.Whole}':*";
            concepts.Add(Concept(identifier.Source, [identifier.Source], whole, vocabulary.Frequency(identifier.Whole), vocabulary, 2));
            concepts.Add(Concept(
                identifier.Source, identifier.Parts, string.Join(" & ", identifier.Parts.Select(p => $"'{p}'")),
                identifier.Parts.Min(vocabulary.Frequency), vocabulary, 1));
            Blank(remaining, text.IndexOf(identifier.Source, StringComparison.Ordinal), identifier.Source.Length);
        }

        foreach (var match in vocabulary.Glossary.FindIn(remaining.ToString()))
        {
            var forms = match.Entry.Forms.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var queries = forms.Select(FormQuery).OfType<string>().ToList();
            if (queries.Count > 0)
            {
                var frequency = queries.Max(q => Frequency(q, vocabulary));
                concepts.Add(Concept(match.Entry.Label, forms, string.Join(" | ", queries.Select(q => $"({q})")), frequency, vocabulary, 1));
            }

            Blank(remaining, match.Start, match.Length);
        }

        foreach (var word in Words(remaining.ToString()))
        {
            if (FormQuery(word) is { } form)
            {
                concepts.Add(Concept(word, [word], form, Frequency(form, vocabulary), vocabulary, 1));
            }
        }

        var distinct = concepts.GroupBy(c => c.Query).Select(g => g.First()).Take(MaxConcepts).ToList();
        return new AnalyzedQuery(query, corrected, distinct);
    }

    /// <summary>The query with its typos corrected, or null when it had none.</summary>
    private string? Correct(string query, SearchVocabulary vocabulary)
    {
        var output = new StringBuilder(query.Length);
        var changed = false;
        var i = 0;
        while (i < query.Length)
        {
            var start = i;
            if (SearchTokenizer.IsCjk(query[i]))
            {
                i = EndOfCjkRun(query, i);
                var run = query[start..i];
                var fixedRun = vocabulary.CorrectChinese(run, segmenter);
                changed |= fixedRun != run;
                output.Append(fixedRun);
            }
            else if (char.IsAsciiLetter(query[i]))
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || ((query[i] == '.' || query[i] == '_') && i + 1 < query.Length && char.IsAsciiLetterOrDigit(query[i + 1]))))
                {
                    i++;
                }

                var word = query[start..i];
                var fix = word.Any(c => c is '.' or '_') ? null : vocabulary.CorrectWord(word.ToLowerInvariant());
                changed |= fix is not null;
                output.Append(fix ?? word);
            }
            else
            {
                output.Append(query[i++]);
            }
        }

        return changed ? output.ToString() : null;
    }

    /// <summary>The words left after terms and identifiers are taken out: Chinese cut by the dictionary, Latin split at non-letters, fillers dropped.</summary>
    private IEnumerable<string> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (SearchTokenizer.IsCjk(text[i]))
            {
                i = EndOfCjkRun(text, i);
                foreach (var word in segmenter.Cut(text[start..i]).Where(w => w.Length > 1 && !ChineseFillers.Contains(w)))
                {
                    yield return word;
                }
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]) && !SearchTokenizer.IsCjk(text[i]))
                {
                    i++;
                }

                var word = text[start..i].ToLowerInvariant();
                if (!EnglishFillers.Contains(word))
                {
                    yield return word;
                }
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Where the run of CJK characters that starts at <paramref name="start"/> ends: both the typo corrector and <see cref="Words"/> cut Chinese by runs.</summary>
    private static int EndOfCjkRun(string text, int start)
    {
        var end = start;
        while (end < text.Length && SearchTokenizer.IsCjk(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>
    /// One form as a tsquery: Latin words as a phrase, CJK as all its bigrams. A phrase mostly of
    /// English stop words ("out of memory", "over-fitting") is skipped: PostgreSQL would reduce it to
    /// its one remaining word and find every "memory" or "fit".
    /// </summary>
    private static string? FormQuery(string form)
    {
        var identifiers = SearchTokenizer.CodeIdentifiers(form).ToList();
        if (identifiers.Count == 1 && identifiers[0].Source.Length == form.Trim().Length)
        {
            return $"'{identifiers[0].Whole}'";
        }

        var terms = SearchTokenizer.Tokenize(form);
        var wholes = identifiers.SelectMany(c => c.Chains).ToHashSet();
        var words = terms.Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !wholes.Contains(w)).ToList();
        if (words.Count > 1 && words.Count(w => !StopWords.Contains(w)) < 2)
        {
            return null;
        }

        var parts = new List<string>();
        if (words.Count > 0)
        {
            parts.Add(string.Join(" <-> ", words.Select(w => $"'{w}'")));
        }

        parts.AddRange(terms.Cjk.Select(t => t.Length == 1 ? $"'{t}':*" : $"'{t}'"));
        return parts.Count == 0 ? null : string.Join(" & ", parts);
    }

    /// <summary>An estimate of how many questions match a form's query: those of its rarest term.</summary>
    private static int Frequency(string query, SearchVocabulary vocabulary) =>
        query.Split('\'').Where((_, i) => i % 2 == 1).Select(vocabulary.Frequency).DefaultIfEmpty(0).Min();

    private static QueryConcept Concept(string label, IReadOnlyList<string> forms, string query, int frequency, SearchVocabulary vocabulary, double boost)
    {
        // Rarer concepts say more about what is wanted (inverse document frequency).
        var weight = boost * Math.Log(1 + ((vocabulary.QuestionCount + 1.0) / (frequency + 1.0)));
        return new QueryConcept(label, forms, query, weight, frequency);
    }

    private static void Blank(StringBuilder text, int start, int length)
    {
        for (var k = start; k >= 0 && k < start + length; k++)
        {
            text[k] = ' ';
        }
    }
}

/// <summary>What a query asks for.</summary>
/// <param name="Query">The text as typed.</param>
/// <param name="Corrected">The text with its typos corrected, or null when it had none.</param>
/// <param name="Concepts">The concepts, each optional.</param>
public sealed record AnalyzedQuery(string Query, string? Corrected, IReadOnlyList<QueryConcept> Concepts)
{
    /// <summary>Every form of every concept, for marking matches in snippets.</summary>
    public IEnumerable<string> HighlightTerms => Concepts.SelectMany(c => c.Forms);
}

/// <summary>One thing a query looks for, in any of its forms.</summary>
/// <param name="Label">What it is called in the query or the glossary.</param>
/// <param name="Forms">The texts that express it (a glossary term's forms in both languages).</param>
/// <param name="Query">A PostgreSQL tsquery (english configuration) matching any form.</param>
/// <param name="Weight">How much a match counts.</param>
/// <param name="Frequency">About how many questions match it.</param>
public sealed record QueryConcept(string Label, IReadOnlyList<string> Forms, string Query, double Weight, int Frequency);
