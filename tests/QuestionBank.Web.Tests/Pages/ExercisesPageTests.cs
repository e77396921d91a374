using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Data;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>
/// The exercise catalogue page: every exercise, its goals, the questions it belongs to and its best judged runs;
/// titles and summaries in the request's language.
/// </summary>
public sealed partial class ExercisesPageTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task EveryExerciseIsListedWithItsGoalsAndASeedQuestionThatUsesIt()
    {
        var html = await Client.GetStringAsync("/exercises");

        foreach (var exercise in ExerciseCatalog.All)
        {
            var section = Section(html, exercise.Id);
            // Razor and WebUtility encode some characters (' ×) differently: compare the text.
            Assert.Contains(exercise.Title, WebUtility.HtmlDecode(section));
            Assert.Contains(string.Join(", ", exercise.Goals), WebUtility.HtmlDecode(section));
            var slug = await ExerciseQuestions.SlugAsync(Client, exercise.Id);
            Assert.Contains($"href=\"/questions/{slug}#exercise\"", section);
        }
        Assert.Contains("href=\"/exercises\"", await Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task AnExercisesBestJudgedRunsAreListedBestFirstAndUnjudgedRunsAreLeftOut()
    {
        // lstm's goal is a ceiling on mse_ratio: lower is better.
        var runs = new[] { 0.5, 0.12, 0.3 }.Select(ratio => NewRun("lstm", new() { ["mse_ratio"] = ratio })).ToList();
        var unjudged = NewRun("lstm", []);
        await App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<QuestionBankDbContext>();
            db.Runs.AddRange([.. runs, unjudged]);
            return await db.SaveChangesAsync();
        });

        var section = Section(await Client.GetStringAsync("/exercises"), "lstm");

        var listed = RunLink().Matches(section).Select(match => Guid.Parse(match.Groups[1].Value)).ToList();
        Assert.Equal([runs[1].Id, runs[2].Id, runs[0].Id], listed);
        Assert.Contains("mse_ratio 0.12", section);
        Assert.Contains("No judged runs yet.", Section(await Client.GetStringAsync("/exercises"), "dqn"));
    }

    [Theory]
    [InlineData("en", "zh-CN")]
    [InlineData("zh-CN", "en")]
    public async Task ExerciseTitlesAndSummariesAreInTheRequestsLanguage(string language, string otherLanguage)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var other = CultureInfo.GetCultureInfo(otherLanguage);

        var catalogue = await GetAsync("/exercises", language);
        var listed = await GetJsonAsync("/api/exercises", language);
        foreach (var exercise in ExerciseCatalog.All)
        {
            var section = WebUtility.HtmlDecode(Section(catalogue, exercise.Id));
            Assert.Contains(exercise.TextIn(culture).Title, section);
            Assert.Contains(exercise.TextIn(culture).Summary, section);
            Assert.DoesNotContain(exercise.TextIn(other).Title, section);
            Assert.Contains(listed.EnumerateArray(), item => item.GetProperty("id").GetString() == exercise.Id
                && item.GetProperty("title").GetString() == exercise.TextIn(culture).Title);
        }

        // A coding question's exercise panel, and the API its script reads.
        var cnn = ExerciseCatalog.Cnn;
        var panel = WebUtility.HtmlDecode(Section(await GetAsync($"/questions/{await ExerciseQuestions.SlugAsync(Client, cnn.Id)}", language), cnn.Id));
        Assert.Contains(cnn.TextIn(culture).Title + "</h2>", panel);
        Assert.Contains(cnn.TextIn(culture).Summary, panel);
        Assert.DoesNotContain(cnn.TextIn(other).Summary, panel);
        var detail = await GetJsonAsync($"/api/exercises/{cnn.Id}", language);
        Assert.Equal(cnn.TextIn(culture).Title, detail.GetProperty("title").GetString());
        Assert.Equal(cnn.TextIn(culture).Summary, detail.GetProperty("summary").GetString());
    }

    private async Task<string> GetAsync(string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", language);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonElement> GetJsonAsync(string path, string language) =>
        JsonSerializer.Deserialize<JsonElement>(await GetAsync(path, language));

    private static ExerciseRun NewRun(string exercise, Dictionary<string, double> metrics) => new()
    {
        Id = Guid.NewGuid(),
        Exercise = exercise,
        Source = "public class Solution { public void Run(ExerciseContext ctx) { } }",
        Device = ComputeDevices.Cpu,
        Epochs = 1,
        LearningRate = 0.001,
        BatchSize = 32,
        Seed = 1,
        Status = metrics.Count > 0 ? RunStatus.Succeeded : RunStatus.Failed,
        GoalsMet = metrics.TryGetValue("mse_ratio", out var ratio) && ratio <= 0.2,
        Metrics = metrics,
        CreatedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
    };

    private static string Section(string html, string exercise)
    {
        var start = html.IndexOf($"data-exercise=\"{exercise}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no section for {exercise}.");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [GeneratedRegex("href=\"/runs/([0-9a-f-]{36})\"")]
    private static partial Regex RunLink();
}
