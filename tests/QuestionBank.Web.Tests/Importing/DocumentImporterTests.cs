using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Tests.Importing;

public sealed class DocumentImporterTests(SeededApp app) : SharedAppTestBase(app)
{
    private const string Good = """
        # 《导入测试》

        ## 1. 什么是梯度消失？

        **答案：** 梯度在反向传播中逐层变小。

        ## 2. 什么是批归一化？

        **答案：** 对每个批次做归一化。
        """;

    private static ImportFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task ImportingTheSameDocumentAgainChangesNothing()
    {
        await App.ImportAsync(File("import-test.md", Good));
        var before = await App.SnapshotAsync();

        var again = await App.ImportAsync(File("import-test.md", Good));

        Assert.Equal(DocumentImportStatus.Unchanged, Assert.Single(again).Status);
        Assert.Equal(before, await App.SnapshotAsync());
    }

    [Fact]
    public async Task ImportingAChangedVersionUpdatesAddsAndRemovesQuestions()
    {
        await App.ImportAsync(File("changed-test.md", Good));
        var changed = Good.Replace("逐层变小", "逐层变小，导致训练停滞", StringComparison.Ordinal)
            .Replace("## 2. 什么是批归一化？\n\n**答案：** 对每个批次做归一化。", "## 3. 什么是残差连接？\n\n**答案：** 跳过若干层的恒等映射。", StringComparison.Ordinal);

        var result = Assert.Single(await App.ImportAsync(File("changed-test.md", changed)));

        Assert.Equal(DocumentImportStatus.Updated, result.Status);
        Assert.Equal((1, 1, 1), (result.Added, result.Changed, result.Removed));
        var snapshot = await App.SnapshotAsync();
        Assert.Contains("changed-test-1-3|什么是残差连接？", snapshot);
        Assert.Contains("导致训练停滞", snapshot);
        Assert.DoesNotContain("changed-test-1-2|", snapshot);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "latin1.md", [.. Encoding.UTF8.GetBytes("# 标题\n\n## 1. 问题\n"), 0xC3, 0x28, 0x0A], "UTF-8" },
        { "unclosed.md", Encoding.UTF8.GetBytes("# 《坏文件》\n\n## 1. 问题\n\n**答案：**\n\n```python\nprint('never closed')\n"), "line 7" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadFileGetsAClearErrorAndLeavesTheBankUnchanged(string name, byte[] content, string expected)
    {
        var before = await App.SnapshotAsync();

        var error = await Assert.ThrowsAsync<DocumentParseException>(
            () => App.ImportAsync(File("good-first.md", Good), new ImportFile(name, content)));

        Assert.Equal(name, error.SourceName);
        Assert.Contains(name, error.Message);
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await App.SnapshotAsync());
    }

    private const string NoQuestions = "# 《没有问题》\n\n只有一段文字。\n\n## 前言\n\n还是没有编号标题。\n";

    [Fact]
    public async Task AFileWithoutQuestionsIsSkippedWithItsNameAndTheOthersImport()
    {
        var outcome = await App.WithScopeAsync(sp => sp.GetRequiredService<DocumentImporter>().ImportFilesAsync(
            [File("skip-test/contributors.md", NoQuestions), File("skip-test/chapter.md", Good)], new ImportOptions("test", DryRun: true)));

        Assert.Equal("skip-test/chapter.md", Assert.Single(outcome.Documents).FileName);
        var skipped = Assert.Single(outcome.Skipped);
        Assert.Equal("skip-test/contributors.md", skipped.FileName);
        Assert.Equal(ImportMessages.NoQuestions.Key, skipped.Reason.Key);
    }

    [Fact]
    public async Task AnEmptyPlaceholderInAFolderIsSkippedAsEmptyAndTheOthersImport()
    {
        var outcome = await App.WithScopeAsync(sp => sp.GetRequiredService<DocumentImporter>().ImportFilesAsync(
            [File("empty-test/data/README.md", ""), File("empty-test/01. Basics/README.md", Good)], new ImportOptions("test", DryRun: true)));

        Assert.Equal("empty-test/01. Basics/README.md", Assert.Single(outcome.Documents).FileName);
        var skipped = Assert.Single(outcome.Skipped);
        Assert.Equal("empty-test/data/README.md", skipped.FileName);
        Assert.Equal(ImportMessages.Empty.Key, skipped.Reason.Key);
    }

    [Fact]
    public async Task AnImportOfOnlyFilesWithoutQuestionsIsRefusedAndLeavesTheBankUnchanged()
    {
        var before = await App.SnapshotAsync();

        var error = await Assert.ThrowsAsync<NoQuestionsException>(() => App.ImportAsync(File("only-readme.md", NoQuestions)));

        Assert.Equal("only-readme.md", error.SourceName);
        Assert.Equal(before, await App.SnapshotAsync());
    }

    [Fact]
    public async Task TwoReadmesInDifferentFoldersAreTwoDocumentsAndReimportingAPathUpdatesIt()
    {
        var first = await App.ImportAsync(File("part-a/README.md", Good), File("part-b/README.md", Good.Replace("导入测试", "另一章")));

        Assert.Equal(2, first.Select(d => d.Slug).Distinct().Count());
        Assert.All(first, d => Assert.Equal(DocumentImportStatus.Added, d.Status));

        var again = Assert.Single(await App.ImportAsync(File("part-b/README.md", Good.Replace("逐层变小", "逐层变小，越来越小"))));

        Assert.Equal(DocumentImportStatus.Updated, again.Status);
        Assert.Equal(first[1].Slug, again.Slug);
        Assert.Contains("part-a-readme-1-1|", await App.SnapshotAsync());
    }
}
