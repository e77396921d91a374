using QuestionBank.Core.Documents;

namespace QuestionBank.Core.Tests.Documents;

public sealed class MarkdownDocumentParserTests
{
    internal static readonly string ContentDirectory = ContentFolder.Path;

    private static ParsedDocument Seed(string prefix)
    {
        var path = Directory.GetFiles(ContentDirectory, $"{prefix}_*.md").Single();
        return Parsed.File(path);
    }

    [Theory]
    [InlineData("000", 30)]
    [InlineData("001", 12)]
    [InlineData("002", 7)]
    [InlineData("003", 6)]
    [InlineData("004", 30)]
    public void EachSeedYieldsItsQuestionCount(string seed, int expected) =>
        Assert.Equal(expected, Seed(seed).Questions.Count());

    [Fact]
    public void TheFiveSeedsGiveEightyFiveQuestionsWithUniqueSlugs()
    {
        var questions = new[] { "000", "001", "002", "003", "004" }.SelectMany(s => Seed(s).Questions).ToList();

        Assert.Equal(85, questions.Count);
        Assert.Equal(85, questions.Select(q => q.Slug).Distinct().Count());
    }

    [Theory]
    [InlineData("000", "AI工程学：大模型应用开发实战")]
    [InlineData("001", "AI 大模型创业：如何利用未来优势？")]
    [InlineData("002", "AI 大模型应用最佳实践")]
    [InlineData("003", "AI大模型应用的前沿技术追踪与评估")]
    [InlineData("004", "AI 大模型创业攻略：揭秘技术优势与实战策略")]
    public void DocumentTitleIsTheRealTitleNotALabel(string seed, string title) =>
        Assert.Equal(title, Seed(seed).Title);

    [Fact]
    public void NoTitleIsTakenFromACodeComment()
    {
        var titles = new[] { "000", "001", "002", "003", "004" }
            .SelectMany(s => Seed(s).Questions.Select(q => q.Title).Append(Seed(s).Title))
            .ToList();

        Assert.DoesNotContain("加载和预处理图像数据", titles);
        Assert.DoesNotContain("定义 CNN 模型", titles);
        Assert.DoesNotContain(titles, t => t.StartsWith('#'));
    }

    [Fact]
    public void HashLineInsideAFenceIsCodeNotAHeading()
    {
        var document = Parsed.Text("""
            # 《测试》

            ## 1. 第一个问题

            ```python
            # 2. 这不是标题
            x = 1
            ```

            ## 2. 第二个问题

            答案。
            """);

        Assert.Equal(["第一个问题", "第二个问题"], document.Questions.Select(q => q.Title));
        var code = Assert.Single(document.Questions.First().CodeBlocks);
        Assert.Equal("python", code.Language);
        Assert.Equal("# 2. 这不是标题\nx = 1", code.Code);
    }

    [Fact]
    public void NumberedHeadingWithNumberedChildrenIsASection()
    {
        var document = Seed("002");

        Assert.Equal(["AI 大模型面试题", "AI 大模型算法编程题库"], document.Sections.Select(s => s.Title));
        Assert.Equal(["1.1", "1.2", "1.3"], document.Sections[0].Questions.Select(q => q.Number));
        Assert.All(document.Sections[1].Questions, q => Assert.Equal(QuestionKind.Coding, q.Kind));
    }

    [Fact]
    public void KindComesFromTheSectionOrTheQuestion()
    {
        var document = Seed("000");

        Assert.All(document.Sections[0].Questions, q => Assert.Equal(QuestionKind.Concept, q.Kind));
        Assert.All(document.Sections[1].Questions, q => Assert.Equal(QuestionKind.Coding, q.Kind));
        Assert.All(document.Sections[2].Questions, q => Assert.Equal(QuestionKind.Coding, q.Kind));
        Assert.Equal(20, document.Sections[0].Questions.Count);
    }

    [Fact]
    public void LabelledPartsAndCodeLanguagesAreFound()
    {
        var concept = Seed("000").Questions.First();
        var coding = Seed("000").Sections[1].Questions.First();
        var withCode = Seed("004").Questions.First();
        var analysed = Seed("001").Sections[1].Questions.First();

        Assert.Equal(PartKind.Answer, Assert.Single(concept.Parts).Kind);
        Assert.StartsWith("评估大规模模型的效果", concept.Parts[0].Markdown);
        Assert.Equal(PartKind.Prompt, coding.Parts[0].Kind);
        Assert.Equal("题目描述", coding.Parts[0].Label);
        Assert.StartsWith("实现一个基于卷积神经网络", coding.Parts[0].Markdown);
        Assert.Equal([PartKind.Answer, PartKind.Code], withCode.Parts.Select(p => p.Kind));
        Assert.StartsWith("设计可扩展的 AI 大模型架构", withCode.Parts[0].Markdown);
        Assert.StartsWith("```python", withCode.Parts[1].Markdown);
        Assert.Equal([PartKind.Answer, PartKind.Analysis], analysed.Parts.Select(p => p.Kind));
        Assert.All(new[] { coding, withCode, analysed }.SelectMany(q => q.CodeBlocks), c => Assert.Equal("python", c.Language));
        Assert.NotEmpty(coding.CodeBlocks);
    }

    [Fact]
    public void ClosingSummaryIsNotPartOfTheLastQuestion()
    {
        var last = Seed("003").Questions.Last();
        var lastOf004 = Seed("004").Questions.Last();

        Assert.DoesNotContain("总结", last.BodyMarkdown);
        Assert.DoesNotContain("AI大模型在各个领域都有着广泛的应用", last.BodyMarkdown);
        Assert.DoesNotContain("结论", lastOf004.BodyMarkdown);
    }

    [Fact]
    public void AnEmptyFileIsAFileWithoutQuestionsThatSaysItIsEmpty()
    {
        var error = Assert.Throws<NoQuestionsException>(() => Parsed.Parser.Parse("empty.md", "  \n"u8));

        Assert.Equal("empty.md", error.SourceName);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void InvalidUtf8IsRejectedWithItsLine()
    {
        byte[] bytes = [.. "# 标题\n\n## 1. 问题\n"u8, 0xC3, 0x28];

        var error = Assert.Throws<DocumentParseException>(() => Parsed.Parser.Parse("latin1.md", bytes));

        Assert.Equal(4, error.Line);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void DocumentWithNoQuestionsIsRejectedAsSuch()
    {
        var error = Assert.Throws<NoQuestionsException>(() => Parsed.Text("# 《没有问题》\n\n## 前言\n\n一段文字。\n", "none.md"));

        Assert.Equal("none.md", error.SourceName);
        Assert.Contains("no questions", error.Message);
    }

    [Fact]
    public void UnclosedFenceIsRejectedAtTheLineItOpens()
    {
        var error = Assert.Throws<DocumentParseException>(
            () => Parsed.Text("# 《坏》\n\n## 1. 问题\n\n```python\nprint(1)\n", "open.md"));

        Assert.Equal(5, error.Line);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void SlugsAreStableAndUniqueWithinTheDocument()
    {
        var first = Seed("001");
        var second = Seed("001");

        Assert.Equal(first.Questions.Select(q => q.Slug), second.Questions.Select(q => q.Slug));
        Assert.Equal("001-2954bc372a3b4660-1-1", first.Questions.First().Slug);
        Assert.Equal(first.ContentHash, second.ContentHash);
    }

    [Theory]
    [InlineData("深度学习面试题.md", "深度学习面试题")]
    [InlineData("机器学习 面试(2).md", "机器学习-面试-2")]
    [InlineData("ＣＮＮ　Basics.md", "cnn-basics")]
    [InlineData("हिन्दी प्रश्न.md", "हिन्दी-प्रश्न")]
    [InlineData("001_2954bc372a3b4660.md", "001-2954bc372a3b4660")]
    [InlineData("——.md", "document")]
    public void ADocumentSlugKeepsTheFileNamesLettersAndDigitsOfEveryScript(string fileName, string slug)
    {
        var document = Parsed.Text("# 《题》\n\n## 1. 问题\n", fileName);

        Assert.Equal(slug, document.Slug);
        Assert.Equal($"{slug}-1-1", document.Questions.Single().Slug);
    }

    [Fact]
    public void APathTooLongForADocumentsAddressIsRefused()
    {
        var name = new string('a', ParsedDocument.MaxSlugLength + 1) + ".md";

        var error = Assert.Throws<DocumentParseException>(() => Parsed.Text("# 《题》\n\n## 1. 问题\n", name));

        Assert.Null(error.Line);
        Assert.Contains("path is too long", error.Message);
    }

    [Fact]
    public void AHeadingNumberTooLongForAQuestionsAddressIsRefusedAtItsLine()
    {
        var number = "1" + string.Concat(Enumerable.Repeat(".1", ParsedQuestion.MaxSlugLength / 2));

        var error = Assert.Throws<DocumentParseException>(() => Parsed.Text($"# 《深》\n\n## {number} 问题\n", "deep.md"));

        Assert.Equal(3, error.Line);
        Assert.Contains("heading number is too long", error.Message);
    }

    [Theory]
    [InlineData("python", "python")]
    [InlineData("", "")]
    [InlineData("a-language-name-of-forty-characters-xxxx", "a-language-name-of-forty-characters-xxxx")]
    [InlineData("a-language-name-of-forty-one-characters-x", "")]
    public void AFencesLanguageIsItsInfoWordUpToTheLongestLanguageName(string info, string language)
    {
        var document = Parsed.Text($"# 《题》\n\n## 1. 写代码\n\n```{info}\nreturn 1\n```\n");

        Assert.Equal(language, document.Questions.Single().CodeBlocks.Single().Language);
    }

    [Fact]
    public void ADocumentsIdentityIsItsPathSoTwoReadmesInDifferentFoldersAreTwoDocuments()
    {
        const string markdown = "## 1. 什么是斑马？\n\n答案。\n";

        var first = Parsed.Text(markdown, "01. Basics/README.md");
        var second = Parsed.Text(markdown, "02. Advanced/README.md");

        Assert.NotEqual(first.Slug, second.Slug);
        Assert.NotEqual(first.Questions.Single().Slug, second.Questions.Single().Slug);
        Assert.Equal("01. Basics", first.Title);
        Assert.Equal("02. Advanced", second.Title);
        Assert.Equal("notes", Parsed.Text(markdown, "part/notes.md").Title);
    }

    [Fact]
    public void TheTitleIsTheH1AndANumberStartingItIsNoQuestion()
    {
        var document = Parsed.Text("""
            # 65 Zebra Interview Questions 2025

            Recently added

            #### Fresh heading deep in the text

            ## 1. What is a zebra?

            A horse with stripes.
            """);

        Assert.Equal("65 Zebra Interview Questions 2025", document.Title);
        Assert.Equal(["1"], document.Questions.Select(q => q.Number));
    }

    [Theory]
    [InlineData("## 1) What is a zebra?", "1", "What is a zebra?")]
    [InlineData("## 1. 什么是斑马？", "1", "什么是斑马？")]
    [InlineData("## 1、什么是斑马？", "1", "什么是斑马？")]
    [InlineData("## 1．什么是斑马？", "1", "什么是斑马？")]
    [InlineData("## 4.1设计思想", "4.1", "设计思想")]
    [InlineData("## 2.3 斑马的条纹", "2.3", "斑马的条纹")]
    [InlineData("## 7. What is zebra lemmatization? [[src]](https://example.com/z)", "7", "What is zebra lemmatization? src")]
    [InlineData("#### 8) What's the zebra trade-off? [[src](https://example.com/z)]", "8", "What's the zebra trade-off? src")]
    [InlineData("#### 9) Zebra [a] or [b](https://example.com/z)?", "9", "Zebra [a] or b?")]
    public void EveryCommonWayOfNumberingAHeadingIsAQuestionNumber(string heading, string number, string title)
    {
        var question = Parsed.Text($"# 《斑马》\n\n{heading}\n\n答案。\n").Questions.Single();

        Assert.Equal(number, question.Number);
        Assert.Equal(title, question.Title);
    }

    [Fact]
    public void NumberedSubHeadingsUnderAQuestionThatAsksStayInItsAnswer()
    {
        var document = Parsed.Text("""
            # 第一章 斑马

            ## 1.1 斑马框架

            ### 1.1.1 斑马框架特点有哪些？

            #### 1.高度的灵活性

            灵活。

            #### 2.真正的可移植性

            可移植。

            ### 1.1.2 Zebranet

            #### 2.1 设计思想

            条纹。

            #### 2.2 网络架构

            黑白。

            ### 1.1.3 斑马为什么有条纹？

            伪装。
            """);

        Assert.Equal(["1.1.1", "1.1.2", "1.1.3"], document.Questions.Select(q => q.Number));
        var first = document.Questions.First();
        Assert.Contains("高度的灵活性", first.BodyMarkdown);
        Assert.Contains("可移植。", first.BodyMarkdown);
        Assert.Contains("网络架构", document.Questions.ElementAt(1).BodyMarkdown);
        Assert.Equal("斑马框架", Assert.Single(document.Sections).Title);
    }

    [Fact]
    public void ANumberedHeadingOverQuestionsThatAskIsStillASection()
    {
        var document = Parsed.Text("""
            # 《斑马》

            ## 1. 基础题

            ### 1. 什么是斑马？

            马。

            ### 2. 斑马为什么有条纹？

            伪装。
            """);

        Assert.Equal(["1", "2"], document.Questions.Select(q => q.Number));
        Assert.Equal("基础题", Assert.Single(document.Sections).Title);
    }

    [Fact]
    public void SectionsKeepTheSourcesOrderAndLoseTheirNumberInTheirTitle()
    {
        var document = Parsed.Text("""
            # 《斑马》

            ## 1. 什么是斑马？

            马。

            ## 2 斑马分类

            ### 2.1 平原斑马是什么？

            一种。

            ## 3. 斑马吃什么？

            草。

            ## 4.2物体检测

            ### 4.2.1 如何检测斑马？

            看条纹。
            """);

        Assert.Equal(["《斑马》", "斑马分类", "《斑马》", "物体检测"], document.Sections.Select(s => s.Title));
        Assert.Equal(["1", "2.1", "3", "4.2.1"], document.Questions.Select(q => q.Number));
    }

    [Fact]
    public void TextOutsideTheQuestionsIsKeptAsPassagesInOrderAndAFooterLeavesTheLastAnswer()
    {
        var document = Parsed.Text("""
            # 第一章 斑马

            本章介绍斑马。

            ## 1.1 斑马基础

            | 名称 | 说明 |
            |---|---|
            | 斑马 | 马 |

            ### 1.1.1 什么是斑马？

            一种马。

            ## 参考文献

            1. 斑马之书

            ## 1.2 斑马进阶

            ### 1.2.1 斑马为什么有条纹？

            伪装。

            ---

            作者：斑马社区，欢迎贡献。
            """);

        Assert.Equal([0, 1, 2], document.Passages.Select(p => p.BeforeQuestion));
        Assert.Contains("本章介绍斑马。", document.Passages[0].Markdown);
        Assert.Contains("| 斑马 | 马 |", document.Passages[0].Markdown);
        Assert.Contains("斑马之书", document.Passages[1].Markdown);
        Assert.Contains("## 1.2 斑马进阶", document.Passages[1].Markdown);
        Assert.Contains("欢迎贡献", document.Passages[2].Markdown);
        Assert.DoesNotContain("欢迎贡献", document.Questions.Last().BodyMarkdown);
        Assert.Equal("伪装。", document.Questions.Last().BodyMarkdown);
    }
}
