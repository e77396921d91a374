using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.Runs;

/// <summary>Runs through the real pipeline with the app's own sandbox worker training in the real jail.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(TrainingCollection.Name)]
public sealed class RunsWithWorkerTests(SeededAppWithWorker app) : SharedAppTestBase<SeededAppWithWorker>(app)
{
    [Fact]
    public async Task ASolutionRunStreamsItsProgressAndKeepsTheJudgesMetricsOnItsPage()
    {
        var slug = await ExerciseQuestions.SlugAsync(Client, "lstm");
        var exercise = await Client.GetFromJsonAsync<JsonElement>("/api/exercises/lstm");
        var submitted = await Client.PostAsJsonAsync("/api/runs", new
        {
            questionSlug = slug,
            exercise = "lstm",
            source = exercise.GetProperty("solution").GetString(),
            device = "cpu",
        });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var events = await Client.ReadRunEventsAsync(id);

        // The exercise's own budget: its series is drawn for each run, and a few epochs meet the goal on some draws only.
        Assert.Equal(ExerciseCatalog.Find("lstm")!.Defaults.Epochs, events.Count(e => e.Type == "progress"));
        Assert.Equal(["running", "succeeded"], events.Where(e => e.Type == "status").Select(e => e.Data.GetProperty("status").GetString()));
        var run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.True(run.GetProperty("goalsMet").GetBoolean());
        Assert.True(run.GetProperty("metrics").GetProperty("mse_ratio").GetDouble() <= 0.2);
        var page = await Client.GetStringAsync($"/runs/{id}");
        Assert.Contains("data-metric=\"test_mse\"", page);
        Assert.Contains("Goal met", page);
        var question = await Client.GetStringAsync($"/questions/{slug}");
        Assert.Contains($"/runs/{id}", question);
    }

    [Fact]
    public async Task RunMetricsAppearOnTheMetricsEndpoint()
    {
        var submitted = await Client.PostAsJsonAsync("/api/runs", new { exercise = "lstm", source = ExerciseCatalog.Find("lstm")!.Solution, @params = new { epochs = 4 } });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Client.ReadRunEventsAsync(id);

        var metrics = await Client.GetStringAsync("/metrics");

        string[] series = ["questionbank_runs_submitted_total{", "questionbank_run_duration_seconds_bucket{", "questionbank_run_wait_seconds_bucket{", "http_server_request_duration_seconds_bucket{"];
        Assert.All(series, name => Assert.Contains(name, metrics));
        // Four epochs are judged but meet the goal on some drawn series only: either judged status is counted.
        Assert.Matches("questionbank_runs_completed_total\\{[^}]*exercise=\"lstm\"[^}]*status=\"(succeeded|failed)\"", metrics);
    }

    [Fact]
    public async Task ACompileErrorComesBackWithItsLineAndColumn()
    {
        var submitted = await Client.PostAsJsonAsync("/api/runs", new
        {
            exercise = "cnn",
            source = "public class Solution\n{\n    public void Run(ExerciseContext ctx)\n    {\n        ctx.Submit(;\n    }\n}\n",
        });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await Client.ReadRunEventsAsync(id);

        var run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal("compile_error", run.GetProperty("status").GetString());
        var error = run.GetProperty("diagnostics").GetProperty("compileErrors")[0];
        Assert.Equal(5, error.GetProperty("line").GetInt32());
    }
}
