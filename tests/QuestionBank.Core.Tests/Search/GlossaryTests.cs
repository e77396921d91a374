using System.Text;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Tests.Rendering;
using QuestionBank.Core.Search;

namespace QuestionBank.Core.Tests.Search;

public sealed class GlossaryTests
{
    private const string File = """
        # 术语表

        Some prose before the table.

        | 中文 | English | 缩写与变体 |
        |---|---|---|
        | 过拟合 | overfitting | over-fitting, overfit |
        | 生成对抗网络 | generative adversarial network | GAN，GANs |
        | 显存 | GPU memory | VRAM |
        | 混合精度 | mixed precision | fp16, bf16 |
        """;

    private static ParsedGlossary ParseGlossary(string markdown = File) =>
        GlossaryParser.Parse("glossary.md", Encoding.UTF8.GetBytes(markdown), Rendered.Pipeline);

    private static Glossary Parse(string markdown = File) => new(ParseGlossary(markdown).Entries);

    [Fact]
    public void EachRowIsATermWithItsChineseEnglishAndVariants()
    {
        var parsed = ParseGlossary();

        Assert.Equal("术语表", parsed.Title);
        Assert.Equal(4, parsed.Entries.Count);
        Assert.Equal(new GlossaryEntry("生成对抗网络", "generative adversarial network", ["GAN", "GANs"]), parsed.Entries[1], new EntryComparer());
        Assert.Equal(64, parsed.ContentHash.Length);
    }

    [Theory]
    [InlineData("| 过拟合 | |", "needs its Chinese and its English form")]
    [InlineData("| 过拟合 | overfitting |\n| 过拟合 | overfit |", "过拟合 is listed twice")]
    public void ARowWithoutBothFormsOrATermTwiceIsRefusedWithItsLine(string rows, string reason)
    {
        var markdown = $"| 中文 | English |\n|---|---|\n{rows}\n";

        var error = Assert.Throws<DocumentParseException>(() => Parse(markdown));

        Assert.Contains(reason, error.Reason.Text);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void AFileWithoutATableIsRefused() =>
        Assert.Throws<DocumentParseException>(() => Parse("# 术语表\n\n- 过拟合 overfitting\n"));

    [Theory]
    [InlineData("how to avoid overfitting", "过拟合")]
    [InlineData("Over-Fitting again", "过拟合")]
    [InlineData("a model that overfits", "过拟合")]
    [InlineData("模型的过拟合", "过拟合")]
    [InlineData("train GANs", "生成对抗网络")]
    [InlineData("generative adversarial networks", "生成对抗网络")]
    [InlineData("not enough GPU memory", "显存")]
    [InlineData("用fp16训练", "混合精度")]
    public void TermsAreFoundInEitherLanguageAndAnyOfTheirForms(string text, string expected)
    {
        var match = Assert.Single(Parse().FindIn(text));

        Assert.Equal(expected, match.Entry.Chinese);
    }

    [Fact]
    public void TheLongestFormWinsAndMatchesDoNotOverlap()
    {
        var matches = Parse().FindIn("GPU memory 与过拟合");

        Assert.Equal(["显存", "过拟合"], matches.Select(m => m.Entry.Chinese));
        Assert.Equal((0, 10), (matches[0].Start, matches[0].Length));
    }

    [Theory]
    [InlineData("an organ")]
    [InlineData("fp160 bits")]
    public void LatinFormsOnlyMatchWholeWords(string text) =>
        Assert.Empty(Parse().FindIn(text));

    [Fact]
    public void TheShippedGlossaryHasAtLeast150Terms()
    {
        var path = Path.Combine(ContentFolder.Path, GlossaryParser.FileName);

        var parsed = GlossaryParser.Parse(GlossaryParser.FileName, System.IO.File.ReadAllBytes(path), Rendered.Pipeline);

        Assert.True(parsed.Entries.Count >= 150, $"{parsed.Entries.Count} terms");
        Assert.All(parsed.Entries, e => Assert.Contains(e.Chinese, c => SearchTokenizer.IsCjk(c)));
    }

    private sealed class EntryComparer : IEqualityComparer<GlossaryEntry>
    {
        public bool Equals(GlossaryEntry? x, GlossaryEntry? y) =>
            x!.Chinese == y!.Chinese && x.English == y.English && x.Variants.SequenceEqual(y.Variants);

        public int GetHashCode(GlossaryEntry obj) => obj.Chinese.GetHashCode(StringComparison.Ordinal);
    }
}
