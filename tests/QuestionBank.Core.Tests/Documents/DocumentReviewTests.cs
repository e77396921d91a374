using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;

namespace QuestionBank.Core.Tests.Documents;

public sealed class DocumentReviewTests
{
    private static IReadOnlyList<DocumentWarning> Review(string markdown) =>
        DocumentReview.Review(Parsed.Text(markdown, "review.md"));

    [Fact]
    public void AQuestionWithNeitherBodyNorAnswerPartIsFlaggedAtItsLine()
    {
        var warnings = Review("# 《审阅》\n\n## 1. 只有标题\n\n## 2. 只有题目\n\n**题目：** 请解释。\n\n## 3. 有答案\n\n**答案：** 这是答案。\n");

        Assert.Equal([3, 5], warnings.Select(w => w.Line));
        Assert.All(warnings, w => Assert.Contains("has no answer", w.Message.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void ARepeatedTitleNamesTheFirstQuestionWithIt()
    {
        var warning = Assert.Single(Review("# 《审阅》\n\n## 1. 什么是过拟合？\n\n答：记住了训练集。\n\n## 2. 什么是过拟合？\n\n答：泛化差。\n"));

        Assert.Equal(7, warning.Line);
        Assert.Contains("same title as question 1 (line 3)", warning.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyCodeBlockIsFlagged()
    {
        var warning = Assert.Single(Review("# 《审阅》\n\n## 1. 写代码\n\n**答案：**\n\n```python\n```\n"));

        Assert.Contains("an empty code block", warning.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySeedDocumentReviewsWithoutAnswerlessQuestions()
    {
        var seeds = Directory.GetFiles(MarkdownDocumentParserTests.ContentDirectory, "*.md")
            .Where(path => !GlossaryParser.IsGlossary(Path.GetFileName(path)));

        foreach (var seed in seeds)
        {
            var document = Parsed.File(seed);
            Assert.DoesNotContain(DocumentReview.Review(document), w => w.Message.Text.Contains("has no answer", StringComparison.Ordinal));
        }
    }
}
