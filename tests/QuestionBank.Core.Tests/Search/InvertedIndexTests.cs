using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;

namespace QuestionBank.Core.Tests.Search;

public sealed class InvertedIndexTests
{
    // Each question: id, kind, title, then its lexemes with positions (title positions first, as a weight-A title precedes the body).
    private static InvertedIndex Index(params (long Id, QuestionKind Kind, string Title, (string Lexeme, int[] Title, int[] Body)[] Lexemes)[] questions)
    {
        var builder = new InvertedIndex.Builder();
        foreach (var (id, kind, title, lexemes) in questions)
        {
            // A coding question about a CNN stands for one with an exercise.
            builder.AddQuestion(id, id % 2, kind, kind == QuestionKind.Coding && title.Contains("CNN", StringComparison.Ordinal));
            foreach (var (lexeme, inTitle, inBody) in lexemes.OrderBy(l => l.Lexeme, StringComparer.Ordinal))
            {
                builder.AddLexeme(lexeme);
                foreach (var position in inTitle)
                {
                    builder.AddPosition(position, title: true);
                }

                foreach (var position in inBody)
                {
                    builder.AddPosition(position, title: false);
                }
            }
        }

        return builder.Build();
    }

    private static readonly InvertedIndex Bank = Index(
        (10, QuestionKind.Concept, "迁移学习", [("transfer", [], [5]), ("learn", [], [6]), ("迁移", [1], []), ("移学", [2], [])]),
        (21, QuestionKind.Concept, "learning", [("learn", [1], [3]), ("transfer", [], [9])]),
        (30, QuestionKind.Coding, "CNN 图像分类", [("cnn", [1], []), ("modelfit", [], [4]), ("modelfitgener", [], [7])]),
        (40, QuestionKind.Coding, "GAN", [("gan", [1], []), ("transfer", [2], []), ("learn", [3], [])]));

    private static List<long> Ids(QuestionSet set) => set.Members().Select(Bank.Id).ToList();

    [Theory]
    [InlineData("'transfer' <-> 'learn'", false, new long[] { 10, 40 })]
    [InlineData("'transfer' <-> 'learn'", true, new long[] { 40 })]
    [InlineData("'learn' <-> 'transfer'", false, new long[] { })]
    [InlineData("'transfer' <2> 'learn'", false, new long[] { })]
    [InlineData("( 'gan' <-> 'transfer' ) <-> 'learn'", true, new long[] { 40 })]
    [InlineData("'gan' <-> ( 'transfer' <-> 'learn' )", false, new long[] { 40 })]
    [InlineData("'gan' <2> 'learn'", false, new long[] { 40 })]
    [InlineData("'transfer' <-> ( 'learn' | 'cnn' )", false, new long[] { 10, 40 })]
    [InlineData("'transfer' & 'learn'", false, new long[] { 10, 21, 40 })]
    [InlineData("'迁移' & '移学' | 'gan'", true, new long[] { 10, 40 })]
    [InlineData("'modelfit':*", false, new long[] { 30 })]
    [InlineData("'learn' & !'transfer'", false, new long[] { })]
    [InlineData("!'learn'", false, new long[] { 30 })]
    [InlineData("( 'cnn' | 'gan' ) & 'transfer'", false, new long[] { 40 })]
    [InlineData("", false, new long[] { })]
    public void AQueryMatchesAsPostgreSqlWouldInTheWholeTextOrTheTitle(string query, bool titleOnly, long[] expected) =>
        Assert.Equal(expected, Ids(Bank.Match(TextQuery.Parse(query), titleOnly)));

    [Fact]
    public void ParsingFollowsPostgreSqlPrecedenceAndQuoting() =>
        Assert.Equal(
            new TextQuery.Or(
                new TextQuery.And(new TextQuery.Term("it's", false), new TextQuery.Phrase(new TextQuery.Term("a", true), new TextQuery.Term("b", false), 2)),
                new TextQuery.Not(new TextQuery.Term("c", false))),
            TextQuery.Parse("'it''s' & 'a':* <2> 'b' | !'c'"));

    [Fact]
    public void TitleMatchesCountMoreAndCoveringMoreOfTheQueryRanksHigher()
    {
        var concepts = new[]
        {
            new IndexConcept(TextQuery.Parse("'transfer' <-> 'learn'"), 2),
            new IndexConcept(TextQuery.Parse("'learn'"), 1),
        };

        var ranking = IndexRanker.Rank(Bank, concepts, new IndexFilter(), 0, 10);

        // 40: both in the title (2·2.5 + 1·2.5)·2; 10: both in the body (2 + 1)·2; 21: learn in its title, 2.5·1.5.
        Assert.Equal(new RankedQuestion[] { new(40, 15), new(10, 6), new(21, 3.75) }, ranking.Page);
        Assert.Equal(3, ranking.Total);
    }

    [Fact]
    public void FacetsCountEveryMatchPassingTheFiltersAndThePageComesAfterTheSkippedOnes()
    {
        var concepts = new[] { new IndexConcept(TextQuery.Parse("'transfer' | 'cnn'"), 1) };

        var all = IndexRanker.Rank(Bank, concepts, new IndexFilter(), 1, 2);
        var coding = IndexRanker.Rank(Bank, concepts, new IndexFilter(Kind: QuestionKind.Coding, HasExercise: true), 0, 10);

        Assert.Equal((4, 2, 1), (all.Total, all.Coding, all.WithExercise));
        Assert.Equal(2, all.Page.Count);
        Assert.Equal(new Dictionary<long, int> { [0] = 3, [1] = 1 }, all.Documents);
        Assert.Equal(new long[] { 30 }, coding.Page.Select(r => r.Id));
    }

    [Fact]
    public void TitleSuggestionsRankByTheWeightOfWhatTheTitleHolds()
    {
        var concepts = new[] { new IndexConcept(TextQuery.Parse("'learn'"), 1), new IndexConcept(TextQuery.Parse("'gan'"), 3) };

        Assert.Equal(new long[] { 40, 21 }, IndexRanker.RankTitles(Bank, concepts, 5).Select(r => r.Id));
    }
}
