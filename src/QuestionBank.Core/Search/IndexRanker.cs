using QuestionBank.Core.Documents;

namespace QuestionBank.Core.Search;

/// <summary>
/// Ranks questions of an <see cref="InvertedIndex"/>: each concept is optional; a question scores
/// the weights of the concepts it matches (a title match <see cref="TitleBoost"/> times a body
/// match), times how much of the query it covers; ties go to the lower id. Keeps the best of a page
/// in a heap and counts the facets of every match that passes the filters.
/// </summary>
public static class IndexRanker
{
    /// <summary>How much more a concept found in a title counts than one found in the body only.</summary>
    public const double TitleBoost = 2.5;

    /// <summary>Ranks the questions matching any of <paramref name="concepts"/>.</summary>
    /// <param name="index">The bank's index.</param>
    /// <param name="concepts">The query's concepts, each with its weight.</param>
    /// <param name="filter">The facet values the results must have.</param>
    /// <param name="skip">Results before the page.</param>
    /// <param name="take">Results on the page.</param>
    public static IndexRanking Rank(InvertedIndex index, IReadOnlyList<IndexConcept> concepts, IndexFilter filter, int skip, int take)
    {
        var matches = concepts.Select(c => (Any: index.Match(c.Query, titleOnly: false), Title: index.Match(c.Query, titleOnly: true), c.Weight)).ToList();
        var union = new QuestionSet(index.Count);
        foreach (var match in matches)
        {
            union.UnionWith(match.Any);
        }

        var best = new PriorityQueue<RankedQuestion, RankedQuestion>(Worse.Instance);
        var documents = new Dictionary<long, int>();
        int coding = 0, total = 0, withExercise = 0;
        foreach (var question in union.Members())
        {
            var kind = index.IsCoding(question) ? QuestionKind.Coding : QuestionKind.Concept;
            if ((filter.Document is { } document && index.Document(question) != document)
                || (filter.Kind is { } wanted && kind != wanted)
                || (filter.HasExercise is { } has && index.HasExercise(question) != has))
            {
                continue;
            }

            double sum = 0;
            var count = 0;
            foreach (var (any, title, weight) in matches)
            {
                if (any.Contains(question))
                {
                    sum += weight * (title.Contains(question) ? TitleBoost : 1);
                    count++;
                }
            }

            Keep(best, new RankedQuestion(index.Id(question), sum * (1 + (count / (double)matches.Count))), skip + take);
            total++;
            coding += kind == QuestionKind.Coding ? 1 : 0;
            withExercise += index.HasExercise(question) ? 1 : 0;
            documents[index.Document(question)] = documents.GetValueOrDefault(index.Document(question)) + 1;
        }

        return new IndexRanking(Ordered(best).Skip(skip).ToList(), total, documents, coding, withExercise);
    }

    /// <summary>
    /// The <paramref name="take"/> questions whose titles match the concepts best: each concept found in
    /// a title counts its weight (for suggestions while typing).
    /// </summary>
    /// <param name="index">The bank's index.</param>
    /// <param name="concepts">What was typed, each with its weight.</param>
    /// <param name="take">How many to return.</param>
    public static IReadOnlyList<RankedQuestion> RankTitles(InvertedIndex index, IReadOnlyList<IndexConcept> concepts, int take)
    {
        var matches = concepts.Select(c => (Title: index.Match(c.Query, titleOnly: true), c.Weight)).ToList();
        var union = new QuestionSet(index.Count);
        foreach (var match in matches)
        {
            union.UnionWith(match.Title);
        }

        var best = new PriorityQueue<RankedQuestion, RankedQuestion>(Worse.Instance);
        foreach (var question in union.Members())
        {
            Keep(best, new RankedQuestion(index.Id(question), matches.Where(m => m.Title.Contains(question)).Sum(m => m.Weight)), take);
        }

        return Ordered(best).ToList();
    }

    private static void Keep(PriorityQueue<RankedQuestion, RankedQuestion> best, RankedQuestion ranked, int size)
    {
        if (best.Count < size)
        {
            best.Enqueue(ranked, ranked);
        }
        else if (size > 0 && Worse.Instance.Compare(ranked, best.Peek()) > 0)
        {
            best.EnqueueDequeue(ranked, ranked);
        }
    }

    private static IEnumerable<RankedQuestion> Ordered(PriorityQueue<RankedQuestion, RankedQuestion> best) =>
        best.UnorderedItems.Select(i => i.Element).OrderByDescending(r => r.Score).ThenBy(r => r.Id);

    /// <summary>Orders the heap with the worst result on top: lower score, then higher id.</summary>
    private sealed class Worse : IComparer<RankedQuestion>
    {
        public static Worse Instance { get; } = new();

        public int Compare(RankedQuestion x, RankedQuestion y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Id.CompareTo(x.Id);
        }
    }
}

/// <summary>One concept to rank by: what it matches and how much a match counts.</summary>
public sealed record IndexConcept(TextQuery Query, double Weight);

/// <summary>
/// The facet filters of a search (null: any); HasExercise filters on whether a question's page offers an exercise.
/// </summary>
public sealed record IndexFilter(long? Document = null, QuestionKind? Kind = null, bool? HasExercise = null);

/// <summary>A question's database id and its score.</summary>
public readonly record struct RankedQuestion(long Id, double Score);

/// <summary>A page of ranked questions, how many matched the filters, and their facet counts.</summary>
/// <param name="Page">The page, best first.</param>
/// <param name="Total">Questions matching any concept and the filters.</param>
/// <param name="Documents">Matches per document id.</param>
/// <param name="Coding">Coding questions among the matches (the rest are concept questions).</param>
/// <param name="WithExercise">Matches with a runnable exercise.</param>
public sealed record IndexRanking(IReadOnlyList<RankedQuestion> Page, int Total, IReadOnlyDictionary<long, int> Documents, int Coding, int WithExercise);
