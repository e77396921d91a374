using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Data;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.Runs;

/// <summary>
/// What the worker says about a run (stored by key, as it writes it) reads in the learner's language on the run's page and in
/// the API, which keeps the key for clients; words without a key (the user code's, older rows') stay as written.
/// </summary>
public sealed class RunExplanationLanguageTests(SeededApp app) : SharedAppTestBase(app)
{
    [Theory]
    [InlineData("timeout", "The run went over its time limit of 180 s.", "运行超过了 180 秒的时间限制。")]
    [InlineData("goal-not-met", "The judge's metrics miss the goals (mse_ratio ≤ 0.5).", "评测指标未达到目标（mse_ratio ≤ 0.5）。")]
    [InlineData("not-submitted", "Run returned without handing back a model: call ctx.Submit(model).", "Run 返回了，但没有交回模型：请调用 ctx.Submit(model)。")]
    public async Task ARunsExplanationIsInChineseOnAChinesePageAndInEnglishOnAnEnglishOne(string ending, string english, string chinese)
    {
        var (status, message) = ending switch
        {
            "timeout" => (RunStatus.Timeout, RunMessages.TimedOut.With(180)),
            "goal-not-met" => (RunStatus.Failed, RunMessages.GoalsMissed.With("mse_ratio ≤ 0.5")),
            _ => (RunStatus.Failed, RunMessages.NotSubmitted.With()),
        };
        var id = await StoreRunAsync(status, message);

        var englishPage = await PageTextAsync($"/runs/{id}", "en");
        var chinesePage = await PageTextAsync($"/runs/{id}", "zh-CN");

        Assert.Contains(english, englishPage);
        Assert.DoesNotContain(chinese, englishPage);
        Assert.Contains(chinese, chinesePage);
        Assert.DoesNotContain(english, chinesePage);
    }

    [Fact]
    public async Task TheApiGivesTheExplanationInTheRequestsLanguageAndKeepsItsKeyAndArguments()
    {
        var id = await StoreRunAsync(RunStatus.Timeout, RunMessages.TimedOutAfterWaiting.With(180, 200, 25));

        var chinese = await DiagnosticsAsync(id, "zh-CN");
        var english = await DiagnosticsAsync(id, "en");

        Assert.Equal("运行超过了 180 秒的时间限制（自身用时：时钟上 200 秒，减去等待 CPU 的 25 秒）。", chinese.GetProperty("message").GetString());
        Assert.Equal("The run went over its time limit of 180 s (its own time: 200 s on the clock, less 25 s it waited for a CPU).", english.GetProperty("message").GetString());
        Assert.Equal("Run.TimedOutAfterWaiting", chinese.GetProperty("messageKey").GetString());
        Assert.Equal(["180", "200", "25"], chinese.GetProperty("messageArguments").EnumerateArray().Select(argument => argument.GetString()));
    }

    [Fact]
    public async Task WordsWithoutAKeyTheUserCodesAndOlderRowsAreShownAsWrittenInEitherLanguage()
    {
        var userCode = await StoreRunAsync(RunStatus.Failed, RunMessage.Plain("System.InvalidOperationException: 张量形状不对"));
        var older = await StoreRunAsync(RunStatus.Failed, RunMessage.Plain("The sandbox worker running this run stopped responding, on every attempt."));

        Assert.Contains("System.InvalidOperationException: 张量形状不对", await PageTextAsync($"/runs/{userCode}", "en"));
        Assert.Contains("The sandbox worker running this run stopped responding, on every attempt.", await PageTextAsync($"/runs/{older}", "zh-CN"));
        var api = await DiagnosticsAsync(older, "zh-CN");
        Assert.Equal(JsonValueKind.Null, api.GetProperty("messageKey").ValueKind);
        Assert.Equal("The sandbox worker running this run stopped responding, on every attempt.", api.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AParameterOutOfRangeIsRefusedInTheRequestsLanguage()
    {
        var limits = ExerciseCatalog.Find("cnn")!.Limits;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs")
        {
            Content = JsonContent.Create(new { exercise = "cnn", @params = new { epochs = limits.MaxEpochs + 1, seed = -1 } }),
        };
        request.Headers.Add("Accept-Language", "zh-CN");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal($"训练轮数必须在 1 到 {limits.MaxEpochs} 之间。", errors.GetProperty("params.epochs")[0].GetString());
        Assert.Equal("随机种子不能为负数。", errors.GetProperty("params.seed")[0].GetString());
    }

    /// <summary>A finished anonymous run as the worker stores it (RunQueue.CompleteAsync writes the same three columns).</summary>
    private Task<Guid> StoreRunAsync(string status, RunMessage message) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<QuestionBankDbContext>();
        var run = new ExerciseRun
        {
            Exercise = "lstm",
            Source = "public class Solution { }",
            Device = "cpu",
            Epochs = 1,
            LearningRate = 0.01,
            BatchSize = 32,
            Seed = 1,
            Status = status,
            Message = message.Text,
            MessageKey = message.Key,
            MessageArguments = [.. message.Arguments],
            CreatedAt = DateTimeOffset.UtcNow,
            FinishedAt = DateTimeOffset.UtcNow,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    });

    private async Task<string> PageTextAsync(string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", language);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> DiagnosticsAsync(Guid id, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{id}");
        request.Headers.Add("Accept-Language", language);
        using var response = await Client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics");
    }
}
