using QuestionBank.Core.Documents;
using QuestionBank.Core.Tests.Rendering;

namespace QuestionBank.Core.Tests.Documents;

public sealed class ExerciseDeclarationTests
{
    private static List<ParsedQuestion> Questions(string markdown) =>
        [.. Parsed.Text(markdown, "exercises.md").Questions];

    [Fact]
    public void AFenceWithTheExerciseInfoStringDeclaresTheQuestionsExerciseWithItsLine()
    {
        var questions = Questions("""
            # 《练习》

            ## 1. 实现一个卷积网络

            ```exercise cnn
            The hands-on version trains on MNIST.
            ```

            **答案：** 见代码。

            ## 2. 实现一个序列分类模型

            ```exercise none
            ```
            """);

        Assert.Equal([new ExerciseDeclaration("cnn", 5)], questions[0].ExerciseDeclarations);
        Assert.True(questions[1].ExerciseDeclarations.Single().IsNone);
        Assert.Empty(questions[0].CodeBlocks);
    }

    [Fact]
    public void AnExerciseFenceQuotedInsideACodeBlockOrNestedInAListIsNotADeclaration()
    {
        var questions = Questions("""
            # 《练习》

            ## 1. 实现一个卷积网络

            ````markdown
            ```exercise gan
            ```
            ````

                ```exercise dqn
                ```

            - 例子：
              - 嵌套：

                ```exercise lstm
                ```

            > ```exercise cnn
            > ```
            """);

        Assert.Empty(questions[0].ExerciseDeclarations);
        Assert.Contains(questions[0].CodeBlocks, c => c.Code.Contains("exercise gan", StringComparison.Ordinal));
        Assert.Contains(questions[0].CodeBlocks, c => c.Language == "exercise");
    }

    [Fact]
    public void ADeclarationBelongsToTheQuestionWhoseSectionHoldsIt()
    {
        var questions = Questions("""
            # 《练习》

            ```exercise gan
            ```

            ## 1. 什么是过拟合？

            **答案：** 记住了训练集。

            ## 2. 实现一个强化学习智能体

            ### 提示

            ```exercise dqn
            ```

            ## 3. 实现一个卷积网络

            ```exercise cnn
            ```

            ```exercise gan
            ```
            """);

        Assert.Empty(questions[0].ExerciseDeclarations);
        Assert.Equal("dqn", questions[1].ExerciseDeclarations.Single().Name);
        Assert.Equal(["cnn", "gan"], questions[2].ExerciseDeclarations.Select(d => d.Name));
        Assert.Equal([19, 22], questions[2].ExerciseDeclarations.Select(d => d.Line));
    }

    [Fact]
    public void ThePageShowsNoCodeBlockForADeclarationButKeepsOtherCode() =>
        Rendered.AssertRenders("""
            ```exercise cnn
            trains on MNIST
            ```

            ```python
            print("hi")
            ```
            """,
            shown: ["print"],
            absent: ["MNIST", "exercise"]);
}
