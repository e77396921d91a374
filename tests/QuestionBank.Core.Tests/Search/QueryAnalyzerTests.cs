using QuestionBank.Core.Search;

namespace QuestionBank.Core.Tests.Search;

public sealed class QueryAnalyzerTests
{
    // jieba's dictionary loads once per process; every test shares it.
    private static readonly JiebaWordSegmenter Segmenter = new();

    private static readonly Glossary Glossary = new(
    [
        new GlossaryEntry("过拟合", "overfitting", ["over-fitting"]),
        new GlossaryEntry("欠拟合", "underfitting", []),
        new GlossaryEntry("模型压缩", "model compression", []),
        new GlossaryEntry("知识蒸馏", "knowledge distillation", ["KD"]),
        new GlossaryEntry("强化学习", "reinforcement learning", ["RL"]),
        new GlossaryEntry("大模型", "large model", ["LLM"]),
        new GlossaryEntry("训练集", "training set", []),
        new GlossaryEntry("内存溢出", "out of memory", ["OOM"]),
    ]);

    /// <summary>A small bank: the words of a few titles, as the index holds them.</summary>
    private static readonly SearchVocabulary Vocabulary = new(
        new[] { "如何处理大规模模型的过拟合问题", "如何进行模型压缩", "大模型训练加速", "训练太慢", "transformer model train", "内存溢出 memory_size" }
            .SelectMany(t => SearchTokenizer.Tokenize(t) is var terms ? terms.Cjk.Concat(terms.Latin.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : [])
            .GroupBy(w => w)
            .ToDictionary(g => g.Key, g => g.Count()),
        questionCount: 6,
        Glossary);

    private static AnalyzedQuery Analyze(string query, bool correct = true) =>
        new QueryAnalyzer(Segmenter).Analyze(query, Vocabulary, correct);

    [Fact]
    public void FillerWordsAreDroppedAndTheRestAreSeparateOptionalConcepts()
    {
        var query = Analyze("怎么防止模型过拟合");

        Assert.Equal(["模型", "过拟合 overfitting", "防止"], query.Concepts.Select(c => c.Label).Order(StringComparer.Ordinal));
        Assert.Null(query.Corrected);
    }

    [Fact]
    public void EnglishQuestionWordsAreDroppedToo()
    {
        var query = Analyze("how do I prevent overfitting");

        Assert.Equal(["过拟合 overfitting", "prevent"], query.Concepts.Select(c => c.Label));
    }

    [Fact]
    public void AGlossaryTermExpandsToEveryFormInBothLanguages()
    {
        var concept = Assert.Single(Analyze("OVERFITTING").Concepts);

        Assert.Equal(["过拟合", "overfitting", "over-fitting"], concept.Forms);
        // "over-fitting" is not searched as a phrase: PostgreSQL drops "over", a stop word, and would find every "fit".
        Assert.Equal("('过拟' & '拟合') | ('overfitting')", concept.Query);
    }

    [Fact]
    public void AStopWordPhraseIsNotSearchedAsItsOneRemainingWord()
    {
        var concept = Assert.Single(Analyze("out of memory").Concepts);

        Assert.DoesNotContain("'memory'", concept.Query);
        Assert.Contains("'oom'", concept.Query);
    }

    [Fact]
    public void ADottedIdentifierIsLookedForWholeAndByItsParts()
    {
        var concepts = Analyze("model.fit").Concepts;

        Assert.Equal(["'modelfit':*", "'model' & 'fit'"], concepts.Select(c => c.Query));
        Assert.True(concepts[0].Weight > concepts[1].Weight);
    }

    [Theory]
    [InlineData("过拟和", "过拟合")]
    [InlineData("模形压缩", "模型压缩")]
    [InlineData("知识蒸留", "知识蒸馏")]
    [InlineData("怎么防止过拟和", "怎么防止过拟合")]
    [InlineData("tranformer", "transformer")]
    [InlineData("reinforcment learning", "reinforcement learning")]
    public void TyposAreCorrectedToTheNearestKnownWordOrTerm(string typed, string corrected)
    {
        var query = Analyze(typed);

        Assert.Equal(corrected, query.Corrected);
    }

    [Theory]
    [InlineData("模型过拟合")]
    [InlineData("大模型训练太慢怎么办")]
    [InlineData("怎么训练好模型")]
    [InlineData("training models")]
    [InlineData("量子纠缠")]
    public void KnownWordsAndUnrelatedTextAreLeftAlone(string typed) =>
        Assert.Null(Analyze(typed).Corrected);

    [Fact]
    public void ACorrectionCanBeRefused()
    {
        var query = Analyze("过拟和", correct: false);

        Assert.Null(query.Corrected);
    }

    [Fact]
    public void RarerConceptsWeighMore()
    {
        var concepts = Analyze("模型 压缩").Concepts;

        Assert.True(concepts.Single(c => c.Label == "压缩").Weight > concepts.Single(c => c.Label == "模型").Weight);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("tranformer", "transformer", 2, 1)]
    [InlineData("recieve", "receive", 1, 1)]
    [InlineData("abcdef", "uvwxyz", 2, 3)]
    public void EditDistanceCountsTranspositionsAsOneAndStopsAtTheLimit(string a, string b, int limit, int expected) =>
        Assert.Equal(expected, EditDistance.Bounded(a, b, limit));
}
