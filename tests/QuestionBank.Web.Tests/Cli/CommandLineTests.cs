using System.Text;
using Npgsql;

namespace QuestionBank.Web.Tests.Cli;

/// <summary>Runs the web app's own executable with CLI arguments against a database of the shared cluster.</summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed class CommandLineTests : IAsyncLifetime
{
    private string connectionString = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("qb-cli-").FullName;

    private const string Document = """
        # 《命令行导入》

        ## 1. 什么是斑马独角兽采样？

        **答案：** 命令行测试用的问题。
        """;

    // The commands prepare their database themselves (migrations, the seed import): each test gives them an empty one.
    public async Task InitializeAsync() => connectionString = await TestCluster.EmptyDatabaseAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(arguments, adminPassword: null);

    private Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string? adminPassword)
    {
        var environment = WebCommandLine.On(connectionString);
        if (adminPassword is not null)
        {
            environment["QUESTIONBANK_ADMIN_PASSWORD"] = adminPassword;
        }

        return WebCommandLine.RunAsync(environment, arguments);
    }

    /// <summary>Asserts the command's exit code and that its output says each of <paramref name="said"/>.</summary>
    private static void AssertExit(int exitCode, (int ExitCode, string Output) result, params string[] said)
    {
        Assert.Equal(exitCode, result.ExitCode);
        foreach (var text in said)
        {
            Assert.Contains(text, result.Output);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private const string Figures = """
        # 《命令行图像》

        ## 1. 什么是斑马卷积核？

        **答案：** ![卷积核示意](img/ch3/3-1.png)

        ## 2. 什么是斑马步幅？

        **答案：** ![步幅示意](./img/ch3/3-2.gif) ![缺失的图](img/ch3/3-9.png)
        """;

    [Fact]
    public async Task ImportFromTheCommandLineDryRunsThenCommitsAFolder()
    {
        Write("cli-import.md", Document);

        var dryRun = await RunAsync("import", folder, "--dry-run");
        AssertExit(0, dryRun, "Dry run", "cli-import.md");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM documents WHERE source_name = 'cli-import.md'"));

        var commit = await RunAsync("import", folder);
        AssertExit(0, commit, "1 added");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM questions WHERE title = '什么是斑马独角兽采样？'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM imports WHERE imported_by LIKE 'cli:%'"));
    }

    [Fact]
    public async Task TheCommandLineImportWarnsOfAnUnknownExerciseWithItsLineAndListsEachQuestionsExercise()
    {
        Write("cli-exercises.md", "# 《练习》\n\n## 1. 实现一个基于 CNN 的图像分类模型\n\n```exercise cnnn\n```\n\n**答案：** 见代码。\n\n## 2. 实现一个智能体\n\n```exercise dqn\n```\n\n**答案：** 见代码。\n");

        var result = await RunAsync("import", folder, "--dry-run");

        AssertExit(
            0,
            result,
            "warning, line 5: Question 1 “实现一个基于 CNN 的图像分类模型” names the exercise “cnnn”, which does not exist",
            "1. 实现一个基于 CNN 的图像分类模型: exercise cnn (by title)",
            "2. 实现一个智能体: exercise dqn (declared in the document)");
    }

    [Fact]
    public async Task ABadFileFailsTheCommandWithItsNameAndLineAndWritesNothing()
    {
        var good = Write("cli-good.md", Document);
        var bad = Write("cli-bad.md", "# 《坏》\n\n## 1. 问题\n\n```python\nprint(1)\n");

        var result = await RunAsync("import", good, bad);

        AssertExit(1, result, "cli-bad.md, line 5");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM documents WHERE source_name LIKE 'cli-%'"));
    }

    [Fact]
    public async Task AChapterFolderWithItsImgFolderImportsEveryFigureAndReportsAMissingOneWithItsLine()
    {
        Write("chapter/figures.md", Figures);
        Write("chapter/img/ch3/3-1.png", TestImages.Png);
        Write("chapter/img/ch3/3-2.gif", TestImages.Gif);

        var result = await RunAsync("import", Path.Combine(folder, "chapter"));

        AssertExit(0, result, "warning, line 9: The image “img/ch3/3-9.png” is not in the upload");
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM images"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM document_images"));
    }

    [Fact]
    public async Task ARepositoryImportsInOneCommandSkippingFilesWithoutQuestionsByName()
    {
        Write("repo/README.md", "# 斑马题库\n\n贡献者名单。\n");
        Write("repo/01. Basics/README.md", Document);
        Write("repo/02. Figures/README.md", Figures);
        Write("repo/02. Figures/img/ch3/3-1.png", TestImages.Jpeg);
        Write("repo/02. Figures/img/ch3/3-2.gif", TestImages.Gif);
        Write("repo/02. Figures/img/unused.bmp", "not an image");
        var repository = Path.Combine(folder, "repo");

        var preview = await RunAsync("import", repository, "--dry-run");
        var result = await RunAsync("import", repository);

        foreach (var run in new[] { preview, result })
        {
            AssertExit(0, run,
                "warning, skipped README.md: no questions found",
                "01. Basics/README.md: 《命令行导入》 — Added, 1 added",
                "02. Figures/README.md: 《命令行图像》 — Added, 2 added",
                "warning, line 5: The image “img/ch3/3-1.png” is a jpg file");
        }

        Assert.Equal(2, await CountAsync("SELECT count(*) FROM documents WHERE source_name LIKE '%/README.md'"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM images"));
        Write("repo/01. Basics/README.md", Document.Replace("命令行测试用的问题。", "改过的答案。"));
        AssertExit(0, await RunAsync("import", repository), "01. Basics/README.md: 《命令行导入》 — Updated, 0 added, 1 changed");
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM documents WHERE source_name LIKE '%/README.md'"));
    }

    [Fact]
    public async Task AMarkdownFileBringsTheImagesItNamesAndAZipImportsWithItsImages()
    {
        var file = Write("book/text/figures.md", Figures.Replace("](img/", "](../img/").Replace("](./img/", "](../img/"));
        Write("book/img/ch3/3-1.png", TestImages.Png);
        Write("book/img/ch3/3-2.gif", TestImages.Gif);
        var zip = Write("zipped.zip", TestImages.Zip(("zipped.md", Encoding.UTF8.GetBytes(Figures.Replace("命令行图像", "压缩包图像"))), ("img/ch3/3-1.png", [.. TestImages.Png, 1])));

        Assert.Equal(0, (await RunAsync("import", file)).ExitCode);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM document_images"));
        Assert.Equal(0, (await RunAsync("import", zip)).ExitCode);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM document_images"));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task AZipSlipArchiveFailsTheCommandWithItsNameAndWritesNothing()
    {
        var zip = Write("slip.zip", TestImages.Zip(("ok.md", Encoding.UTF8.GetBytes(Document)), ("../../outside.png", TestImages.Png)));

        var result = await RunAsync("import", zip);

        AssertExit(1, result, "slip.zip: ../../outside.png");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM documents WHERE source_name = 'ok.md'"));
        Assert.False(File.Exists(Path.Combine(folder, "..", "outside.png")));
    }

    [Fact]
    public async Task CreateAdminMakesAnAdminAccountAndRefusesAShortPassword()
    {
        Assert.Equal(2, (await RunAsync("create-admin")).ExitCode);

        var result = await RunAsync(["create-admin", "cli-admin@questionbank.test"], "a long enough password");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM accounts WHERE normalized_email = 'CLI-ADMIN@QUESTIONBANK.TEST' AND role = 'Admin'"));
        Assert.Equal(1, (await RunAsync(["create-admin", "cli-admin@questionbank.test"], "short")).ExitCode);
    }

    [Theory]
    [InlineData("import", "--dryrun", "Unrecognized option '--dryrun'")]
    [InlineData("import", "", "Required argument 'file-or-folder' missing")]
    [InlineData("import", "no-such-folder/chapter.md", "'no-such-folder/chapter.md' is neither a file nor a folder")]
    [InlineData("create-admin", "a@example.com b@example.com", "Unrecognized command or argument 'b@example.com'")]
    public async Task AnUnknownOptionAMissingArgumentOrAPathThatNamesNothingIsAUsageErrorThatTouchesNoDatabase(string command, string arguments, string message)
    {
        var result = await RunAsync([command, .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)], adminPassword: null);

        AssertExit(2, result, message);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Theory]
    [InlineData("backupx")]
    [InlineData("serve")]
    public async Task AnUnknownCommandIsAUsageErrorThatNamesTheCommandsAndStartsNoServer(string command)
    {
        var result = await RunAsync(command, "x");

        AssertExit(2, result, $"Unknown command '{command}'", "import, create-admin, backup, restore, prune");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }
}
