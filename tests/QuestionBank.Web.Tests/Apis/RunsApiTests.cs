using QuestionBank.Core.Documents;

namespace QuestionBank.Web.Tests.Apis;

/// <summary>The runs API with no sandbox worker: validation, queueing, cancel, limits.</summary>
public sealed class RunsApiTests : AppPerTestBase
{
    [Fact]
    public async Task ASubmittedRunIsQueuedAndSaysThatNoWorkerIsOnline()
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { questionSlug = "q", exercise = "lstm", device = "cpu" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/runs/{id}", response.Headers.Location!.OriginalString);
        var run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal("queued", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("queuePosition").GetInt32());
        Assert.Equal(0, run.GetProperty("workersOnline").GetInt32());
        Assert.Contains("public class Solution", run.GetProperty("source").GetString());
        Assert.Equal(30, run.GetProperty("params").GetProperty("epochs").GetInt32());
    }

    [Fact]
    public async Task ASubmittedRunIsCountedOnTheMetricsEndpointWithoutAWorker()
    {
        await SubmitAsync();

        Assert.Contains("questionbank_runs_submitted_total{", await Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task TheEventStreamOfAQueuedRunReportsItsQueuePosition()
    {
        var id = await SubmitAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = new StreamReader(await Client.GetStreamAsync($"/api/runs/{id}/events", cancel.Token));

        var lines = new List<string>();
        while (lines.Count < 2 && await stream.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        Assert.Equal("event: queue", lines[0]);
        Assert.Contains("\"queuePosition\":1", lines[1]);
        Assert.Contains("\"workersOnline\":0", lines[1]);
    }

    [Fact]
    public async Task InvalidSubmissionsAreRejectedWithProblemDetails()
    {
        var badParameters = await Client.PostAsJsonAsync("/api/runs",
            new
            {
                exercise = "cnn",
                questionSlug = new string('q', ParsedQuestion.MaxSlugLength + 1),
                device = "tpu",
                @params = new { epochs = 1000, learningRate = 5.0, batchSize = 1 },
            });
        var unknownExercise = await Client.PostAsJsonAsync("/api/runs", new { exercise = "diffusion" });
        var hugeSource = await Client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", source = new string('x', 65 * 1024) });

        Assert.Equal(HttpStatusCode.BadRequest, badParameters.StatusCode);
        Assert.Equal("application/problem+json", badParameters.Content.Headers.ContentType!.MediaType);
        var errors = (await badParameters.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["device", "params.batchSize", "params.epochs", "params.learningRate", "questionSlug"],
            errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, unknownExercise.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, hugeSource.StatusCode);
        Assert.True((await hugeSource.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("source", out _));
    }

    [Fact]
    public async Task APythonRunIsQueuedWithItsLanguageAndThePythonStarter()
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", language = "python" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.Equal("python", run.GetProperty("language").GetString());
        Assert.Contains("def run(ctx):", run.GetProperty("source").GetString());
        Assert.Contains("Python (PyTorch)", await Client.GetStringAsync($"/runs/{id}"));
    }

    [Fact]
    public async Task ARunWithoutALanguageIsCSharp()
    {
        var id = await SubmitAsync();

        var run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");

        Assert.Equal("csharp", run.GetProperty("language").GetString());
    }

    [Fact]
    public async Task AnUnknownLanguageAndAPythonCudaRunAreRejected()
    {
        var unknown = await Client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", language = "julia" });
        var cuda = await Client.PostAsJsonAsync("/api/runs", new { exercise = "cnn", language = "python", device = "cuda" });

        Assert.Equal(["language"], await ErrorFieldsAsync(unknown));
        Assert.Equal(["device"], await ErrorFieldsAsync(cuda));
    }

    private static async Task<IEnumerable<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
    }

    [Fact]
    public async Task AQueuedRunCanBeCancelledOnce()
    {
        var id = await SubmitAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        Assert.Equal("cancelled", (await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Client.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync($"/api/runs/{Guid.NewGuid()}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task AClientMayHaveOnlyThreeRunsWaitingAtOnce()
    {
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync();
        }

        var fourth = await Client.PostAsJsonAsync("/api/runs", new { exercise = "lstm" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("3 runs queued or running", (await fourth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SubmissionsAreRateLimitedPerClientAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var response = await Client.PostAsJsonAsync("/api/runs", new { exercise = "nothing" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.BadRequest));
        Assert.Equal(2, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task AnUnknownRunIsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/runs/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/runs/{Guid.NewGuid()}")).StatusCode);
    }

    private async Task<Guid> SubmitAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { exercise = "lstm" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
