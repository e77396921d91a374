using System.Text;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Search;

namespace QuestionBank.Web.Tests.Admin;

public sealed class AdminImportTests : AppPerTestBase
{
    private const string NewDocument = """
        # 《管理导入测试》

        ## 1. 什么是权重衰减？

        **答案：** 在损失中加入权重的 L2 范数。

        ## 2. 什么是标签平滑？

        **答案：** 把 one-hot 目标换成软目标。
        """;

    private const string WithWarnings = """
        # 《警告测试》

        ## 1. 什么是学习率预热？

        ## 2. 什么是学习率预热？

        **答案：** 训练开始时逐步增大学习率。

        ## 3. 写一个空函数

        **答案：**

        ```python
        ```
        """;

    private HttpClient Admin { get; set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.SignInAsync();
    }

    private static (string, byte[]) File(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

    private async Task<JsonElement> ImportAsync(bool dryRun, params (string, byte[])[] files)
    {
        var response = await Admin.PostImportAsync(dryRun, files);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<int> SearchTotalAsync(string query) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}")).GetProperty("total").GetInt32();

    /// <summary>Results whose title has the query itself: the glossary also finds other questions (权重衰减 is weight decay, L2 regularisation).</summary>
    private async Task<int> TitledHitsAsync(string query) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&pageSize=100")).GetProperty("items")
            .EnumerateArray().Count(i => i.GetProperty("title").GetString()!.Contains(query, StringComparison.Ordinal));

    /// <summary>The admin's imports; loading content/ at start-up is an import of its own, by "system".</summary>
    private async Task<List<JsonElement>> ImportsAsync() =>
        (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/imports")).EnumerateArray()
            .Where(i => i.GetProperty("importedBy").GetString() == QuestionBankApp.AdminEmail)
            .ToList();

    [Fact]
    public async Task ADryRunReportsTheChangesAndWarningsWithoutWritingAnything()
    {
        var before = await App.SnapshotAsync();

        var result = await ImportAsync(true, File("admin-new.md", NewDocument), File("warnings.md", WithWarnings));

        Assert.True(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("importId").ValueKind);
        var documents = result.GetProperty("documents");
        Assert.Contains("管理导入测试", documents[0].GetProperty("title").GetString());
        Assert.Equal((2, 0, 0), (documents[0].GetProperty("added").GetInt32(), documents[0].GetProperty("changed").GetInt32(), documents[0].GetProperty("removed").GetInt32()));
        var warnings = documents[1].GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("has no answer", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("same title as question 1", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("empty code block", StringComparison.Ordinal));
        Assert.Equal(before, await App.SnapshotAsync());
        Assert.Empty(await ImportsAsync());
    }

    [Fact]
    public async Task ACommittedImportIsSearchableAtOnceAndRecorded()
    {
        var result = await ImportAsync(false, File("admin-new.md", NewDocument));

        Assert.True(result.GetProperty("importId").GetInt64() > 0);
        Assert.Equal(1, await TitledHitsAsync("权重衰减"));
        var record = Assert.Single(await ImportsAsync());
        Assert.Equal(QuestionBankApp.AdminEmail, record.GetProperty("importedBy").GetString());
        var file = Assert.Single(record.GetProperty("files").EnumerateArray());
        Assert.Equal("admin-new.md", file.GetProperty("fileName").GetString());
        Assert.Equal(64, file.GetProperty("contentHash").GetString()!.Length);
        Assert.Equal(2, file.GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task ReimportingAnIdenticalFileIsANoOp()
    {
        await ImportAsync(false, File("admin-new.md", NewDocument));
        var before = await App.SnapshotAsync();

        var again = await ImportAsync(false, File("admin-new.md", NewDocument));

        Assert.Equal(JsonValueKind.Null, again.GetProperty("importId").ValueKind);
        Assert.Equal("unchanged", again.GetProperty("documents")[0].GetProperty("status").GetString());
        Assert.Equal(before, await App.SnapshotAsync());
        Assert.Single(await ImportsAsync());
    }

    [Fact]
    public async Task RollingBackRestoresThePreviousVersionThenRemovesANewDocument()
    {
        var original = await App.SnapshotAsync();
        var first = (await ImportAsync(false, File("admin-new.md", NewDocument))).GetProperty("importId").GetInt64();
        var afterFirst = await App.SnapshotAsync();
        var second = (await ImportAsync(false, File("admin-new.md", NewDocument.Replace("标签平滑", "斑马独角兽", StringComparison.Ordinal))))
            .GetProperty("importId").GetInt64();
        Assert.Equal(1, await TitledHitsAsync("斑马独角兽"));

        // The older import cannot be undone while the newer one still holds the document.
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostAsync($"/api/admin/imports/{first}/rollback", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/imports/{second}/rollback", null)).StatusCode);
        Assert.Equal(afterFirst, await App.SnapshotAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/imports/{first}/rollback", null)).StatusCode);

        Assert.Equal(original, await App.SnapshotAsync());
        Assert.Equal(0, await TitledHitsAsync("权重衰减"));
        var again = await Admin.PostAsync($"/api/admin/imports/{first}/rollback", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already rolled back", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/imports/999999/rollback", null)).StatusCode);
    }

    [Fact]
    public async Task AQuestionPageShowsEachImportAndRollbackOfItsAnswerAtOnce()
    {
        var document = (await ImportAsync(false, File("admin-new.md", NewDocument))).GetProperty("documents")[0].GetProperty("slug").GetString();
        var slug = (await Client.GetFromJsonAsync<JsonElement>($"/api/questions?document={document}"))
            .GetProperty("items")[0].GetProperty("slug").GetString();
        Assert.Contains("L2 范数", await Client.GetStringAsync($"/questions/{slug}"));

        var changed = (await ImportAsync(false, File("admin-new.md", NewDocument.Replace("L2 范数", "斑马范数", StringComparison.Ordinal))))
            .GetProperty("importId").GetInt64();
        var afterImport = await Client.GetStringAsync($"/questions/{slug}");
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/imports/{changed}/rollback", null)).StatusCode);
        var afterRollback = await Client.GetStringAsync($"/questions/{slug}");

        Assert.Contains("斑马范数", afterImport);
        Assert.DoesNotContain("L2 范数", afterImport);
        Assert.Contains("L2 范数", afterRollback);
        Assert.DoesNotContain("斑马范数", afterRollback);
    }

    // The contents stay out of the theory's data: xUnit serialises each row into every test case it discovers, and
    // a 5 MB row cost the web suite 30 s of discovery before a test ran.
    private static readonly Dictionary<string, byte[]> BadFileContents = new()
    {
        ["latin1.md"] = [.. Encoding.UTF8.GetBytes("# 标题\n\n## 1. 问题\n"), 0xC3, 0x28, 0x0A],
        ["huge.md"] = Encoding.UTF8.GetBytes("## 1. 大文件\n\n" + new string('x', 5 * 1024 * 1024)),
        ["unclosed.md"] = Encoding.UTF8.GetBytes("# 《坏文件》\n\n## 1. 问题\n\n**答案：**\n\n```python\nprint('never closed')\n"),
        ["notes.txt"] = Encoding.UTF8.GetBytes("## 1. 问题\n\n答案\n"),
        [new string('a', 121) + ".md"] = Encoding.UTF8.GetBytes("## 1. 问题\n\n答案\n"),
        ["deep-numbers.md"] = Encoding.UTF8.GetBytes("# 《深》\n\n## 1" + string.Concat(Enumerable.Repeat(".1", 150)) + " 问题\n\n答案\n"),
    };

    public static TheoryData<string, string> BadFiles => new()
    {
        { "latin1.md", "UTF-8" },
        { "huge.md", "5 MB" },
        { "unclosed.md", "line 7" },
        { "notes.txt", ".md" },
        { new string('a', 121) + ".md", "path is too long" },
        { "deep-numbers.md", "line 3" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileGetsAProblemNamingItAndTheBankIsUnchanged(string name, string expected)
    {
        var content = BadFileContents[name];
        var before = await App.SnapshotAsync();

        var response = await Admin.PostImportAsync(false, File("admin-new.md", NewDocument), (name, content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, problem.GetProperty("file").GetString());
        Assert.Contains(name, problem.GetProperty("detail").GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await App.SnapshotAsync());
    }

    // A file without questions (skipped), a document with warnings, and a refused file: the admin's language decides the words,
    // the document's own (file names, titles) stay as written.
    private const string NoQuestions = "# 贡献者\n\n- 张三\n";
    private const string Unclosed = "# 《坏文件》\n\n## 1. 问题\n\n**答案：**\n\n```python\nprint(1)\n";

    public static TheoryData<string, string[]> ImportWordsByLanguage => new()
    {
        { "en", ["no questions found: a question is a numbered heading", "Question 1 “什么是学习率预热？” has no answer.",
            "Question 2 “什么是学习率预热？” has the same title as question 1 (line 3).", "unclosed.md, line 7: a code fence opened here is never closed."] },
        { "zh-CN", ["没有找到题目：题目是带编号的标题", "第 1 题“什么是学习率预热？”没有答案。",
            "第 2 题“什么是学习率预热？”与第 1 题（第 3 行）标题相同。", "unclosed.md，第 7 行：这里开始的代码块没有闭合"] },
    };

    [Theory]
    [MemberData(nameof(ImportWordsByLanguage))]
    public async Task TheImportApiSaysWhyAFileIsSkippedOrRefusedInTheAdminsLanguageWithItsKey(string language, string[] words)
    {
        Admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var result = await ImportAsync(true, File("readme.md", NoQuestions), File("warnings.md", WithWarnings));
        var skipped = Assert.Single(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal("readme.md", skipped.GetProperty("fileName").GetString());
        Assert.StartsWith(words[0], skipped.GetProperty("reason").GetString());
        Assert.Equal(ImportMessages.NoQuestions.Key, skipped.GetProperty("reasonKey").GetString());
        var warnings = result.GetProperty("documents")[0].GetProperty("warnings");
        Assert.Equal(words[1], warnings[0].GetProperty("message").GetString());
        Assert.Equal(ImportMessages.NoAnswer.Key, warnings[0].GetProperty("messageKey").GetString());
        Assert.Equal(["1", "什么是学习率预热？"], warnings[0].GetProperty("messageArguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(words[2], warnings[1].GetProperty("message").GetString());

        var refused = await Admin.PostImportAsync(true, File("unclosed.md", Unclosed));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(words[3], problem.GetProperty("detail").GetString());
        Assert.Equal(ImportMessages.UnclosedFence.Key, problem.GetProperty("reasonKey").GetString());
        Assert.Equal(7, problem.GetProperty("line").GetInt32());
    }

    [Theory]
    [MemberData(nameof(ImportWordsByLanguage))]
    public async Task TheImportPageSaysWhyAFileIsSkippedOrRefusedInTheAdminsLanguage(string language, string[] words)
    {
        Admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var preview = await PreviewPageAsync(File("readme.md", NoQuestions), File("warnings.md", WithWarnings));
        Assert.Contains($"<html lang=\"{language}\">", preview);
        Assert.Contains(words[0], preview);
        Assert.Contains(words[1], preview);
        Assert.Contains(words[2], preview);

        Assert.Contains(words[3], await PreviewPageAsync(File("unclosed.md", Unclosed)));
    }

    [Fact]
    public async Task ARefusedRollbackSaysWhyInTheAdminsLanguage()
    {
        Admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var import = (await ImportAsync(false, File("admin-new.md", NewDocument))).GetProperty("importId").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/imports/{import}/rollback", null)).StatusCode);

        var again = await Admin.PostAsync($"/api/admin/imports/{import}/rollback", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("这次导入无法回滚", problem.GetProperty("title").GetString());
        Assert.Contains($"导入 {import} 已由 {QuestionBankApp.AdminEmail} 于 ", problem.GetProperty("detail").GetString());
        Assert.Equal(ImportMessages.AlreadyRolledBack.Key, problem.GetProperty("reasonKey").GetString());
        var unknown = await (await Admin.PostAsync("/api/admin/imports/999999/rollback", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("找不到这次导入", "没有导入 999999。"), (unknown.GetProperty("title").GetString(), unknown.GetProperty("detail").GetString()));
    }

    private async Task<string> PreviewPageAsync(params (string Name, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await AdminSession.FormTokenAsync(Admin, "/admin/import")), "__RequestVerificationToken" } };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "Uploads", name);
        }

        using var response = await Admin.PostAsync("/admin/import?handler=Preview", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task TwoDocumentsWithChineseFileNamesStayTwoDocuments()
    {
        await ImportAsync(false, File("深度学习.md", "# 《深度学习》\n\n## 1. 什么是斑马卷积？\n\n**答案：** 一种卷积。\n"));
        var second = await ImportAsync(false, File("机器学习.md", "# 《机器学习》\n\n## 1. 什么是斑马回归？\n\n**答案：** 一种回归。\n"));

        Assert.Equal("added", second.GetProperty("documents")[0].GetProperty("status").GetString());
        Assert.Equal(1, await TitledHitsAsync("斑马卷积"));
        Assert.Equal(1, await TitledHitsAsync("斑马回归"));
        var page = await Client.GetAsync("/questions/" + Uri.EscapeDataString("深度学习-1-1"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task ACodeBlockWhoseInfoStringIsNoLanguageImportsAsPlainCode()
    {
        var info = new string('x', 300);

        var import = await ImportAsync(false, File("admin-fence.md", $"# 《围栏》\n\n## 1. 写一个函数\n\n```{info}\nreturn 1\n```\n"));

        Assert.Equal("added", import.GetProperty("documents")[0].GetProperty("status").GetString());
        var question = await Client.GetFromJsonAsync<JsonElement>("/api/questions/admin-fence-1-1");
        var code = Assert.Single(question.GetProperty("codeBlocks").EnumerateArray());
        Assert.Equal("", code.GetProperty("language").GetString());
        Assert.Contains("return 1", code.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TwoImportsOfTheSameDocumentAtOnceSerialiseWithoutDuplicates()
    {
        var imports = await Task.WhenAll(
            ImportAsync(false, File("admin-new.md", NewDocument)),
            ImportAsync(false, File("admin-new.md", NewDocument)));

        var statuses = imports.Select(i => i.GetProperty("documents")[0].GetProperty("status").GetString()).Order().ToList();
        Assert.Equal(["added", "unchanged"], statuses);
        Assert.Equal(1, await TitledHitsAsync("权重衰减"));
        Assert.Single(await ImportsAsync());
    }

    [Fact]
    public async Task ScriptInAnImportedDocumentNeverReachesItsPage()
    {
        var result = await ImportAsync(false, File("xss-admin.md", "# 《脚本》\n\n## 1. 问题\n\n<script>alert('x')</script>\n\n**答案：** <img src=x onerror=alert(1)>\n"));

        var slug = (await Client.GetFromJsonAsync<JsonElement>("/api/questions?document=" + result.GetProperty("documents")[0].GetProperty("slug").GetString()))
            .GetProperty("items")[0].GetProperty("slug").GetString();
        var html = await Client.GetStringAsync($"/questions/{slug}");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [Fact]
    public async Task AHiddenQuestionDisappearsForReadersUntilShownAgainAndADeletedOneIsGone()
    {
        await ImportAsync(false, File("admin-new.md", NewDocument));
        var slug = await Client.FirstSlugAsync("权重衰减");

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/questions/{slug}/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/questions/{slug}")).StatusCode);
        Assert.Equal(0, await TitledHitsAsync("权重衰减"));

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/questions/{slug}/unhide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/questions/{slug}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/admin/questions/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/questions/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/api/admin/questions/{slug}")).StatusCode);
    }

    [Fact]
    public async Task TheGlossaryImportsWithAPreviewAndRollsBack()
    {
        // A term joining an English word no question has to a Chinese phrase one question has.
        var glossary = System.IO.File.ReadAllText(Path.Combine(QuestionBankApp.RepoRoot, "content", GlossaryParser.FileName))
            .TrimEnd() + "\n| 游戏对战 | zebracorn duel | |\n";
        Assert.Equal(0, await SearchTotalAsync("zebracorn duel"));

        var preview = await ImportAsync(true, File(GlossaryParser.FileName, glossary));
        var previewed = Assert.Single(preview.GetProperty("documents").EnumerateArray());
        Assert.Equal(("updated", 1, 0, 0), (previewed.GetProperty("status").GetString(), previewed.GetProperty("added").GetInt32(),
            previewed.GetProperty("changed").GetInt32(), previewed.GetProperty("removed").GetInt32()));
        Assert.Equal(0, await SearchTotalAsync("zebracorn duel"));

        var import = (await ImportAsync(false, File(GlossaryParser.FileName, glossary))).GetProperty("importId").GetInt64();
        var found = await Client.GetFromJsonAsync<JsonElement>("/api/search?q=zebracorn%20duel");
        Assert.Contains("游戏对战", found.GetProperty("items")[0].GetProperty("title").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/admin/imports/{import}/rollback", null)).StatusCode);
        Assert.Equal(0, await SearchTotalAsync("zebracorn duel"));
        Assert.True(await SearchTotalAsync("overfitting") > 0);
    }

    [Fact]
    public async Task AGlossaryRowWithoutItsEnglishFormIsRefusedAndNothingChanges()
    {
        var before = await App.SnapshotAsync();

        var response = await Admin.PostImportAsync(false, [File(GlossaryParser.FileName, "| 中文 | English |\n|---|---|\n| 过拟合 | |\n")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs its Chinese and its English form", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await App.SnapshotAsync());
        Assert.True(await SearchTotalAsync("overfitting") > 0);
    }
}
