using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Words;
using QuestionBank.Sandbox;

namespace QuestionBank.Web.Tests.Runs;

/// <summary>
/// The app's first start on a machine whose sandbox home is not ready: its worker prepares the
/// home (here with a stand-in script that waits for the test's signal) before it takes runs.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(TrainingCollection.Name)]
public sealed class FirstStartTests : IAsyncLifetime
{
    private static readonly string PreparedHome = new SandboxOptions().Home;

    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("qb-first-start-");
    private QuestionBankApp app = null!;
    private HttpClient client = null!;

    private string Signal => Path.Combine(scratch.FullName, "go");

    public async Task InitializeAsync()
    {
        var script = Path.Combine(scratch.FullName, "prepare.sh");
        await File.WriteAllTextAsync(script, $"""
            set -e
            while [ ! -f '{Signal}' ]; do sleep 0.1; done
            mkdir -p "$QUESTIONBANK_SANDBOX_HOME/data"
            ln -s '{PreparedHome}/data/{MnistFile.FileName}' "$QUESTIONBANK_SANDBOX_HOME/data/{MnistFile.FileName}"
            ln -s '{PreparedHome}/data/{WordList.FileName}' "$QUESTIONBANK_SANDBOX_HOME/data/{WordList.FileName}"
            if [ -d '{PreparedHome}/root' ]; then ln -s '{PreparedHome}/root' "$QUESTIONBANK_SANDBOX_HOME/root"; fi
            ln -s '{PreparedHome}/python-root' "$QUESTIONBANK_SANDBOX_HOME/python-root"
            """);
        var settings = new Dictionary<string, string?>(QuestionBankApp.WithWorker)
        {
            [$"{SandboxOptions.SectionName}:Home"] = Path.Combine(scratch.FullName, "home"),
            [$"{SandboxOptions.SectionName}:PrepareScript"] = script,
        };
        app = new QuestionBankApp(await TestCluster.SeededDatabaseAsync(), settings);
        client = app.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        scratch.Delete(recursive: true);
    }

    [Fact]
    public async Task TheExercisePanelSaysTheSandboxIsBeingPreparedAndARunWaitsForItThenRuns()
    {
        var slug = await ExerciseQuestions.SlugAsync(client, "lstm");
        // The worker is the app's child process: it reports its state once it has started.
        await WaitUntilAsync(async () => (await client.GetStringAsync($"/questions/{slug}")).Contains("Preparing the sandbox", StringComparison.Ordinal));

        var submitted = await client.PostAsJsonAsync("/api/runs", new { questionSlug = slug, exercise = "lstm", source = ExerciseCatalog.Find("lstm")!.Starter });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("queued", (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("status").GetString());

        await File.WriteAllTextAsync(Signal, "");
        await client.ReadRunEventsAsync(id);

        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        Assert.True(run.GetProperty("metrics").TryGetProperty("mse_ratio", out _), run.ToString());
        Assert.DoesNotContain("Preparing the sandbox", await client.GetStringAsync($"/questions/{slug}"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The page never said the sandbox is being prepared.");
            await Task.Delay(200);
        }
    }
}
