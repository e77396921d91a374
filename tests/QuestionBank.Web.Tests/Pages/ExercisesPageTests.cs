using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Contracts;
using QuestionBank.Data;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>The exercise catalogue page: every exercise, its goals, the questions it belongs to and its best judged runs.</summary>
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
