using System.Text;
using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Admin;

/// <summary>Which exercise a question offers: declared in its document, by its title, or chosen by an admin.</summary>
public sealed partial class QuestionExerciseTests : AppPerTestBase
{
    private const string Declared = """
        # 《练习声明》

        ## 1. 实现一个图像生成模型

        ```exercise gan
        The hands-on version trains a GAN on MNIST.
        ```

        **答案：** 见代码。

        ## 2. 实现一个基于 CNN 的图像分类模型

        **答案：** 卷积、池化、全连接。

        ## 3. 实现一个基于 RNN 的情感分析模型

        **答案：** 用最后的隐藏状态分类。

        ## 4. 实现一个卷积网络图像分类器

        ```exercise none
        ```

        **答案：** 不需要练习。

        ## 5. 实现一个扩散模型

        ```exercise diffusion
        ```

        **答案：** 还没有这个练习。
        """;

    private const string Plain = """
        # 《管理员练习》

        ## 1. 什么是权重衰减？

        **答案：** 在损失中加入权重的 L2 范数。
        """;

    private HttpClient Admin { get; set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.SignInAsync();
    }

    [Fact]
    public async Task TheImportPreviewShowsWhichExerciseEachQuestionGetsAndWhyAndWarnsOfAnUnknownNameWithItsLine()
    {
        var response = await Admin.PostImportAsync(true, ("declared.md", Encoding.UTF8.GetBytes(Declared)));

        var document = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0];
        var exercises = document.GetProperty("exercises").EnumerateArray()
            .Select(e => (e.GetProperty("number").GetString(), e.GetProperty("exerciseId").GetString(), e.GetProperty("source").GetString()))
            .ToList();
        Assert.Equal(
            [("1", "gan", "declared"), ("2", "cnn", "title"), ("3", null, "none"), ("4", null, "declared"), ("5", null, "none")],
            exercises);
        var warning = Assert.Single(document.GetProperty("warnings").EnumerateArray());
        Assert.Equal(28, warning.GetProperty("line").GetInt32());
        Assert.Contains("“diffusion”, which does not exist", warning.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ADocumentImportedThroughTheAdminPageAttachesAnExerciseToOneOfItsQuestions()
    {
        var preview = await PostPageAsync("/admin/import", "Preview", new() { ["PastedName"] = "declared.md", ["PastedText"] = Declared });
        Assert.Matches("<td>1\\. 实现一个图像生成模型</td>\\s*<td class=\"exercise\">gan</td>\\s*<td class=\"source\">declared in the document</td>", preview);
        Assert.Contains("line 28:", preview);

        var (slug, page) = await CommitAsync(preview, "declared");
        Assert.Contains("id=\"exercise\"", page);
        Assert.Contains("data-exercise=\"gan\"", page);
        Assert.DoesNotContain("trains a GAN on MNIST", page);
        Assert.Equal("gan", (await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{slug}")).GetProperty("exercise").GetString());
        Assert.DoesNotContain("id=\"exercise\"", await Client.GetStringAsync($"/questions/{await SlugAsync("declared", "3")}"));
    }

    [Fact]
    public async Task AnAdminsChoiceOfExerciseSurvivesAReimportUntilTheDocumentDeclaresOne()
    {
        await Admin.PostImportAsync(false, ("plain.md", Encoding.UTF8.GetBytes(Plain)));
        var slug = await SlugAsync("plain", "1");

        var attached = await Admin.SendWithTokenAsync(HttpMethod.Put, $"/api/admin/questions/{slug}/exercise", new { exercise = "dqn" });

        Assert.Equal(HttpStatusCode.NoContent, attached.StatusCode);
        Assert.Contains("data-exercise=\"dqn\"", await Client.GetStringAsync($"/questions/{slug}"));
        Assert.Contains($"href=\"/questions/{slug}#exercise\"", await Client.GetStringAsync("/exercises"));

        await Admin.PostImportAsync(false, ("plain.md", Encoding.UTF8.GetBytes(Plain.Replace("L2 范数", "L2 范数（正则）", StringComparison.Ordinal))));
        Assert.Equal("dqn", await ExerciseAsync(slug));

        var declaring = Plain.Replace("**答案：**", "```exercise cnn\n```\n\n**答案：**", StringComparison.Ordinal);
        await Admin.PostImportAsync(false, ("plain.md", Encoding.UTF8.GetBytes(declaring)));
        Assert.Equal("cnn", await ExerciseAsync(slug));

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.SendWithTokenAsync(HttpMethod.Delete, $"/api/admin/questions/{slug}/exercise")).StatusCode);
        Assert.Null(await ExerciseAsync(slug));
        Assert.DoesNotContain("id=\"exercise\"", await Client.GetStringAsync($"/questions/{slug}"));
    }

    [Fact]
    public async Task TheAdminFormOnTheQuestionPageAttachesAndDetachesAnExercise()
    {
        var slug = await SlugAsync("plain", "1", Plain);
        var form = await Admin.GetStringAsync($"/questions/{slug}");
        Assert.Contains("name=\"exercise\"", form);

        var attached = await PostPageAsync($"/questions/{slug}", "Exercise", new() { ["exercise"] = "lstm" }, $"/admin?handler=Exercise&slug={slug}");
        Assert.Contains("data-exercise=\"lstm\"", attached);
        Assert.Contains("chosen by an admin", attached);

        await PostPageAsync($"/questions/{slug}", "Exercise", new() { ["exercise"] = string.Empty }, $"/admin?handler=Exercise&slug={slug}");
        Assert.Null(await ExerciseAsync(slug));
    }

    [Fact]
    public async Task UnknownExercisesAreRefusedAndNonAdminsCannotChangeAQuestionsExercise()
    {
        var slug = await SlugAsync("plain", "1", Plain);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await Admin.SendWithTokenAsync(HttpMethod.Put, $"/api/admin/questions/{slug}/exercise", new { exercise = "javascript:alert(1)" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Admin.SendWithTokenAsync(HttpMethod.Put, "/api/admin/questions/no-such-question/exercise", new { exercise = "cnn" })).StatusCode);

        var anonymous = App.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendWithTokenAsync(HttpMethod.Put, $"/api/admin/questions/{slug}/exercise", new { exercise = "cnn" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendWithTokenAsync(HttpMethod.Delete, $"/api/admin/questions/{slug}/exercise")).StatusCode);

        var learner = await App.SignUpLearnerAsync("learner@questionbank.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.SendWithTokenAsync(HttpMethod.Put, $"/api/admin/questions/{slug}/exercise", new { exercise = "cnn" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.SendWithTokenAsync(HttpMethod.Delete, $"/api/admin/questions/{slug}/exercise")).StatusCode);
        var page = await learner.GetStringAsync($"/questions/{slug}");
        Assert.DoesNotContain("name=\"exercise\"", page);
        var token = (await learner.GetFromJsonAsync<JsonElement>("/api/account/antiforgery")).GetProperty("token").GetString()!;
        var posted = await learner.PostAsync($"/admin?handler=Exercise&slug={slug}", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["exercise"] = "cnn", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Null(await ExerciseAsync(slug));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("\"><script>alert(1)</script>")]
    public async Task AHostileExerciseNameIsAWarningAndShowsOnlyAsInertText(string name)
    {
        var markdown = $"# 《恶意》\n\n## 1. 实现一个模型\n\n```exercise {name}\n```\n\n**答案：** 无。\n";

        var preview = await PostPageAsync("/admin/import", "Preview", new() { ["PastedName"] = "hostile.md", ["PastedText"] = markdown });

        Assert.Matches("line 5: Question 1 .* names the exercise .*alert\\(1\\).*which does not exist", preview);
        Assert.DoesNotContain("<img src=x", preview);
        Assert.DoesNotContain("<script>alert", preview);
        Assert.DoesNotContain("href=\"javascript:", preview);
        var (slug, page) = await CommitAsync(preview, "hostile");
        Assert.DoesNotContain("id=\"exercise\"", page);
        Assert.DoesNotContain("alert(1)", page);
        Assert.Null(await ExerciseAsync(slug));
    }

    /// <summary>Posts a page's form handler as a browser would: the antiforgery token of <paramref name="formPage"/>, then the redirect followed.</summary>
    private async Task<string> PostPageAsync(string formPage, string handler, Dictionary<string, string> fields, string? action = null)
    {
        var response = await Admin.PostFormAsync(action ?? $"{formPage}?handler={handler}", fields, formPage);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await Admin.GetStringAsync(response.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Commits a previewed import with the page's Commit button; returns the first question's slug and page.</summary>
    private async Task<(string Slug, string Page)> CommitAsync(string preview, string document)
    {
        var pending = PendingField().Matches(preview).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        await PostPageAsync("/admin/import", "Commit", pending);
        var slug = await SlugAsync(document, "1");
        return (slug, await Client.GetStringAsync($"/questions/{slug}"));
    }

    /// <summary>The slug of a question of an imported document; with <paramref name="import"/>, imports that markdown first.</summary>
    private async Task<string> SlugAsync(string document, string number, string? import = null)
    {
        if (import is not null)
        {
            Assert.Equal(HttpStatusCode.OK, (await Admin.PostImportAsync(false, ($"{document}.md", Encoding.UTF8.GetBytes(import)))).StatusCode);
        }

        var page = await Client.GetFromJsonAsync<JsonElement>($"/api/questions?document={document}");
        return page.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("slug").GetString()!)
            .Single(s => s.EndsWith($"-{number}", StringComparison.Ordinal));
    }

    private async Task<string?> ExerciseAsync(string slug) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/questions/{slug}")).GetProperty("exercise").GetString();

    [GeneratedRegex("name=\"(Pending\\[\\d+\\]\\.(?:Name|Content))\" value=\"([^\"]*)\"")]
    private static partial Regex PendingField();
}
