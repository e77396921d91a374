using QuestionBank.Core.Documents;

namespace QuestionBank.Core.Search;

/// <summary>
/// The bank's search vectors in memory: each lexeme with the questions holding it and its positions
/// there (title positions flagged), as PostgreSQL stored them. It evaluates a <see cref="TextQuery"/>
/// against a question's whole text (<c>search_vector @@ q</c>) or its title alone (<c>title_vector @@ q</c>)
/// without visiting each matching row in the database. Built once, then only read (safe across threads).
/// </summary>
public sealed class InvertedIndex
{
    private readonly string[] lexemes;
    private readonly Postings[] postings;
    private readonly long[] ids;
    private readonly long[] documents;
    private readonly bool[] coding;
    private readonly bool[] withExercise;

    private InvertedIndex(string[] lexemes, Postings[] postings, long[] ids, long[] documents, bool[] coding, bool[] withExercise)
    {
        this.lexemes = lexemes;
        this.postings = postings;
        this.ids = ids;
        this.documents = documents;
        this.coding = coding;
        this.withExercise = withExercise;
    }

    /// <summary>An index of no questions.</summary>
    public static InvertedIndex Empty { get; } = new Builder().Build();

    /// <summary>Questions indexed.</summary>
    public int Count => ids.Length;

    /// <summary>Distinct lexemes indexed.</summary>
    public int LexemeCount => lexemes.Length;

    /// <summary>Lexeme occurrences (question, position) indexed.</summary>
    public long PositionCount => postings.Sum(p => (long)p.Positions.Length);

    /// <summary>The database id of the question at <paramref name="question"/> (questions are held in ascending id order).</summary>
    public long Id(int question) => ids[question];

    /// <summary>The database id of the question's document.</summary>
    public long Document(int question) => documents[question];

    /// <summary>True for a coding question.</summary>
    public bool IsCoding(int question) => coding[question];

    /// <summary>True for a question whose page offers a runnable exercise.</summary>
    public bool HasExercise(int question) => withExercise[question];

    /// <summary>The questions matching <paramref name="query"/> in their whole text, or in their title alone.</summary>
    public QuestionSet Match(TextQuery query, bool titleOnly) => query switch
    {
        TextQuery.Term term => TermSet(term, titleOnly),
        TextQuery.And and => Match(and.Left, titleOnly).IntersectWith(Match(and.Right, titleOnly)),
        TextQuery.Or or => Match(or.Left, titleOnly).UnionWith(Match(or.Right, titleOnly)),
        TextQuery.Not not => Match(not.Operand, titleOnly).Complement(Count),
        TextQuery.Phrase phrase => PhraseSet(phrase, titleOnly),
        _ => new QuestionSet(Count),
    };

    private QuestionSet TermSet(TextQuery.Term term, bool titleOnly)
    {
        var set = new QuestionSet(Count);
        foreach (var p in Lexemes(term))
        {
            foreach (var question in titleOnly ? postings[p].TitleQuestions : postings[p].Questions)
            {
                set.Add(question);
            }
        }

        return set;
    }

    private QuestionSet PhraseSet(TextQuery.Phrase phrase, bool titleOnly)
    {
        if (Chain(phrase) is { } chain)
        {
            return ChainSet(chain, titleOnly);
        }

        var set = new QuestionSet(Count);
        foreach (var question in Candidates(phrase, titleOnly).Members())
        {
            if (Positions(phrase, question, titleOnly).Positions.Count > 0)
            {
                set.Add(question);
            }
        }

        return set;
    }

    /// <summary>
    /// A phrase of plain lexemes (<c>'a' &lt;-&gt; 'b' &lt;2&gt; 'c'</c>, the common case) as each lexeme and
    /// its offset from the first one; null for anything else.
    /// </summary>
    private static List<(string Lexeme, int Offset)>? Chain(TextQuery query)
    {
        switch (query)
        {
            case TextQuery.Term { Prefix: false } term:
                return [(term.Lexeme, 0)];
            case TextQuery.Phrase phrase when Chain(phrase.Left) is { } left && Chain(phrase.Right) is { } right:
                // The right side starts where the left one ends, plus the distance.
                var shift = left[^1].Offset + phrase.Distance;
                left.AddRange(right.Select(r => (r.Lexeme, r.Offset + shift)));
                return left;
            default:
                return null;
        }
    }

    /// <summary>
    /// The questions holding a chain: walks the rarest lexeme's questions, finds each in the other
    /// lexemes' lists (moving forward only), then compares positions, without allocating per question.
    /// </summary>
    private QuestionSet ChainSet(List<(string Lexeme, int Offset)> chain, bool titleOnly)
    {
        var set = new QuestionSet(Count);
        var found = chain.Select(c => Array.BinarySearch(lexemes, c.Lexeme, StringComparer.Ordinal)).ToArray();
        if (found.Any(i => i < 0))
        {
            return set;
        }

        var lists = found.Select(i => postings[i]).ToArray();
        var offsets = chain.Select(c => c.Offset).ToArray();
        var rarest = lists.MinBy(l => titleOnly ? l.TitleQuestions.Length : l.Questions.Length)!;
        var cursors = new int[lists.Length];
        foreach (var question in titleOnly ? rarest.TitleQuestions : rarest.Questions)
        {
            if (Locate(lists, cursors, question) && ChainAt(lists, cursors, offsets, titleOnly))
            {
                set.Add(question);
            }
        }

        return set;
    }

    private static bool Locate(Postings[] lists, int[] cursors, int question)
    {
        for (var k = 0; k < lists.Length; k++)
        {
            var questions = lists[k].Questions;
            var at = Array.BinarySearch(questions, cursors[k], questions.Length - cursors[k], question);
            cursors[k] = at < 0 ? ~at : at;
            if (at < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ChainAt(Postings[] lists, int[] cursors, int[] offsets, bool titleOnly)
    {
        var first = lists[0];
        for (var p = first.Starts[cursors[0]]; p < first.Starts[cursors[0] + 1]; p++)
        {
            if (titleOnly && !IsTitle(first.Positions[p]))
            {
                continue;
            }

            var start = first.Positions[p] >> 1;
            var all = true;
            for (var k = 1; k < lists.Length && all; k++)
            {
                all = HasPosition(lists[k], cursors[k], start + offsets[k], titleOnly);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPosition(Postings list, int index, int position, bool titleOnly)
    {
        for (var p = list.Starts[index]; p < list.Starts[index + 1]; p++)
        {
            var at = list.Positions[p] >> 1;
            if (at >= position)
            {
                return at == position && (!titleOnly || IsTitle(list.Positions[p]));
            }
        }

        return false;
    }

    /// <summary>The questions that hold the lexemes a phrase needs, in any order: a superset of its matches.</summary>
    private QuestionSet Candidates(TextQuery query, bool titleOnly) => query switch
    {
        TextQuery.Phrase phrase => Candidates(phrase.Left, titleOnly).IntersectWith(Candidates(phrase.Right, titleOnly)),
        TextQuery.And and => Candidates(and.Left, titleOnly).IntersectWith(Candidates(and.Right, titleOnly)),
        TextQuery.Or or => Candidates(or.Left, titleOnly).UnionWith(Candidates(or.Right, titleOnly)),
        TextQuery.Term term => TermSet(term, titleOnly),
        _ => new QuestionSet(Count),
    };

    /// <summary>
    /// Where a phrase operand matches in one question, as PostgreSQL's TS_phrase_execute computes it:
    /// the positions of each match's last lexeme and the match's width. A negation inside a phrase
    /// never matches here (queries are built from words, so none has one).
    /// </summary>
    private (List<int> Positions, int Width) Positions(TextQuery query, int question, bool titleOnly)
    {
        switch (query)
        {
            case TextQuery.Term term:
                var found = new List<int>();
                foreach (var p in Lexemes(term))
                {
                    var entry = postings[p];
                    var i = Array.BinarySearch(entry.Questions, question);
                    for (var k = i < 0 ? 0 : entry.Starts[i]; i >= 0 && k < entry.Starts[i + 1]; k++)
                    {
                        if (!titleOnly || IsTitle(entry.Positions[k]))
                        {
                            found.Add(entry.Positions[k] >> 1);
                        }
                    }
                }

                found.Sort();
                return (found, 0);
            case TextQuery.Phrase phrase:
                var (left, leftWidth) = Positions(phrase.Left, question, titleOnly);
                var (right, rightWidth) = Positions(phrase.Right, question, titleOnly);
                var offset = phrase.Distance + rightWidth;
                return (right.Where(r => left.BinarySearch(r - offset) >= 0).ToList(), leftWidth + offset);
            case TextQuery.And and:
                var (a, aWidth) = Positions(and.Left, question, titleOnly);
                var (b, bWidth) = Positions(and.Right, question, titleOnly);
                return (a.Where(p => b.BinarySearch(p) >= 0).ToList(), Math.Max(aWidth, bWidth));
            case TextQuery.Or or:
                var (x, xWidth) = Positions(or.Left, question, titleOnly);
                var (y, yWidth) = Positions(or.Right, question, titleOnly);
                return (x.Union(y).Order().ToList(), Math.Max(xWidth, yWidth));
            default:
                return ([], 0);
        }
    }

    /// <summary>The lexemes a term stands for: itself, or with a prefix every lexeme starting with it.</summary>
    private IEnumerable<int> Lexemes(TextQuery.Term term)
    {
        var i = Array.BinarySearch(lexemes, term.Lexeme, StringComparer.Ordinal);
        if (!term.Prefix)
        {
            return i >= 0 ? [i] : [];
        }

        var start = i >= 0 ? i : ~i;
        var end = start;
        while (end < lexemes.Length && lexemes[end].StartsWith(term.Lexeme, StringComparison.Ordinal))
        {
            end++;
        }

        return Enumerable.Range(start, end - start);
    }

    private static bool IsTitle(ushort packed) => (packed & 1) != 0;

    /// <summary>
    /// One lexeme's questions (ascending), where each one's positions start, the positions (position &lt;&lt; 1 | title),
    /// and the questions that have it in their title.
    /// </summary>
    private sealed record Postings(int[] Questions, int[] Starts, ushort[] Positions, int[] TitleQuestions);

    /// <summary>Collects questions in ascending id order, each followed by its lexemes' positions.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, PostingsBuilder> entries = new(StringComparer.Ordinal);
        private readonly List<long> ids = [];
        private readonly List<long> documents = [];
        private readonly List<bool> coding = [];
        private readonly List<bool> withExercise = [];
        private PostingsBuilder? current;

        /// <summary>Starts the next question; its id must be greater than the previous one's.</summary>
        public void AddQuestion(long id, long document, QuestionKind kind, bool hasExercise)
        {
            if (ids.Count > 0 && id <= ids[^1])
            {
                throw new ArgumentException("Questions are added in ascending id order.", nameof(id));
            }

            ids.Add(id);
            documents.Add(document);
            coding.Add(kind == QuestionKind.Coding);
            withExercise.Add(hasExercise);
            current = null;
        }

        /// <summary>Starts a lexeme of the current question.</summary>
        public void AddLexeme(string lexeme)
        {
            if (!entries.TryGetValue(lexeme, out current))
            {
                current = new PostingsBuilder();
                entries.Add(lexeme, current);
            }

            current.Questions.Add(ids.Count - 1);
            current.Starts.Add(current.Positions.Count);
        }

        /// <summary>Adds a position (1–16383, as in a tsvector) of the current lexeme, in ascending order.</summary>
        public void AddPosition(int position, bool title)
        {
            var entry = current ?? throw new InvalidOperationException("AddLexeme comes first.");
            entry.Positions.Add((ushort)((position << 1) | (title ? 1 : 0)));
        }

        /// <summary>The index of the questions added.</summary>
        public InvertedIndex Build()
        {
            var sorted = entries.Keys.Order(StringComparer.Ordinal).ToArray();
            var lists = sorted.Select(lexeme =>
            {
                var entry = entries[lexeme];
                entry.Starts.Add(entry.Positions.Count);
                // A lexeme's title positions come before its body positions: the first one tells.
                var titles = entry.Questions.Where((_, i) => IsTitle(entry.Positions[entry.Starts[i]])).ToArray();
                return new Postings(entry.Questions.ToArray(), entry.Starts.ToArray(), entry.Positions.ToArray(), titles);
            }).ToArray();
            return new InvertedIndex(sorted, lists, ids.ToArray(), documents.ToArray(), coding.ToArray(), withExercise.ToArray());
        }

        private sealed class PostingsBuilder
        {
            public List<int> Questions { get; } = [];

            public List<int> Starts { get; } = [];

            public List<ushort> Positions { get; } = [];
        }
    }
}
