using QuestionBank.Core.Search;

namespace QuestionBank.Core.Tests.Search;

public sealed class SearchTokenizerTests
{
    [Fact]
    public void ChineseRunsBecomeOverlappingBigrams()
    {
        var terms = SearchTokenizer.Tokenize("处理过拟合");

        Assert.Equal(["处理", "理过", "过拟", "拟合"], terms.Cjk);
        Assert.Equal(string.Empty, terms.Latin);
    }

    [Fact]
    public void LatinWordsAreLowerCasedNextToChinese()
    {
        var terms = SearchTokenizer.Tokenize("基于LSTM的GAN模型");

        Assert.Equal("lstm gan", terms.Latin);
        Assert.Equal(["基于", "的", "模型"], terms.Cjk);
    }

    [Fact]
    public void QueryOperatorsAndPunctuationNeverReachTheQuery()
    {
        var terms = SearchTokenizer.Tokenize("a&b | !c:* 'd' (模型)");

        Assert.Equal("a b c d", terms.Latin);
        Assert.Equal(["模型"], terms.Cjk);
    }

    [Fact]
    public void PunctuationOnlyTextHasNoTerms() =>
        Assert.True(SearchTokenizer.Tokenize("，。！？ ** ##").IsEmpty);

    [Fact]
    public void SnippetMarksTheMatchAndEscapesHtml()
    {
        var snippet = SnippetBuilder.Build("<b>正则化</b> 可以缓解过拟合问题。", ["过拟合"]);

        Assert.Equal("&lt;b&gt;正则化&lt;/b&gt; 可以缓解<mark>过拟合</mark>问题。", snippet);
    }

    [Fact]
    public void SnippetCentresOnTheFirstMatchOfALongText()
    {
        var text = new string('甲', 500) + "知识蒸馏" + new string('乙', 500);

        var snippet = SnippetBuilder.Build(text, ["蒸馏"]);

        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Contains("<mark>蒸馏</mark>", snippet);
    }

    [Fact]
    public void DottedIdentifiersAreIndexedByTheirPartsAndByEveryChainOfParts()
    {
        var terms = SearchTokenizer.Tokenize("x = tf.keras.layers.Conv2D(32) 然后 model.fit(x_train)");

        var words = terms.Latin.Split(' ').ToHashSet();
        Assert.Superset(new HashSet<string>(["conv2d", "fit", "tfkeraslayersconv2d", "layersconv2d", "modelfit", "xtrain"]), words);
        Assert.DoesNotContain("tfkeras.layers", words);
    }

    [Fact]
    public void WholeIdentifiersComeAfterTheProseSoPhrasesStayIntact()
    {
        var terms = SearchTokenizer.Tokenize("call model.fit then evaluate");

        Assert.Equal("call model fit then evaluate modelfit", terms.Latin);
    }

    [Fact]
    public void SnippetMarksEveryFormOfAConceptAndLatinOnlyAsWholeWords()
    {
        var snippet = SnippetBuilder.Build("GAN 即生成对抗网络, not an organ", ["生成对抗网络", "GAN"]);

        Assert.Equal("<mark>GAN</mark> 即<mark>生成对抗网络</mark>, not an organ", snippet);
    }
}
