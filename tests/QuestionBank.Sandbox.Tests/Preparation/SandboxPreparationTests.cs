using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Words;
using QuestionBank.Sandbox.Preparation;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Preparation;

[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class SandboxPreparationTests : IDisposable
{
    private static readonly string PreparedHome = new SandboxOptions().Home;

    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("qb-preparation-");

    public void Dispose() => scratch.Delete(recursive: true);

    [Fact]
    public async Task APreparedHomeIsReadyWithoutRunningThePrepareScript()
    {
        var marker = Path.Combine(scratch.FullName, "ran");
        var preparation = await PrepareAsync(PreparedHome, Script($"touch '{marker}'; exit 1"));

        Assert.Equal(SandboxState.Ready, preparation.State);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task AHomeThatLacksPartsIsReadyOnceThePrepareScriptHasFilledIt()
    {
        var home = Path.Combine(scratch.FullName, "home");
        var preparation = await PrepareAsync(home, Script(LinkPreparedHome));

        Assert.Equal(SandboxState.Ready, preparation.State);
        Assert.Empty(preparation.Missing());
    }

    [Fact]
    public async Task AFailingPrepareScriptLeavesTheSandboxFailedWithItsExitCodeAndOutput()
    {
        var preparation = await PrepareAsync(Path.Combine(scratch.FullName, "home"), Script("echo 'no route to deb.debian.org'; exit 3"));

        Assert.Equal(SandboxState.Failed, preparation.State);
        Assert.Contains("exit code 3", preparation.Problem);
        Assert.Contains("no route to deb.debian.org", preparation.Problem);
        Assert.Contains("the MNIST digits", preparation.Problem);
    }

    /// <summary>The repository's own script on an empty home: what a first start on a fresh machine does.</summary>
    [Fact]
    public async Task TheRepositoryScriptPreparesAnEmptyHomeOnWhichTheLstmStarterRunsAndIsJudged()
    {
        var home = Path.Combine(scratch.FullName, "fresh");

        var preparation = await PrepareAsync(home, script: null);

        Assert.True(preparation.State == SandboxState.Ready, preparation.Problem);
        var lstm = ExerciseCatalog.Find("lstm")!;
        var settings = TestSandbox.Limits(timeoutSeconds: 600);
        settings[$"{SandboxOptions.SectionName}:Home"] = home;
        var result = await TestSandbox.RunAsync("lstm", lstm.Starter, settings, lstm.Defaults);
        Assert.True(result.Metrics.ContainsKey("mse_ratio"), $"{result.Status}: {result.Diagnostics.Message}");
    }

    /// <summary>Links the prepared home's runtime roots (the C# one where this host needs one, the Python one), digits and words into $QUESTIONBANK_SANDBOX_HOME.</summary>
    private static string LinkPreparedHome => $"""
        mkdir -p "$QUESTIONBANK_SANDBOX_HOME/data"
        ln -s '{PreparedHome}/data/{MnistFile.FileName}' "$QUESTIONBANK_SANDBOX_HOME/data/{MnistFile.FileName}"
        ln -s '{PreparedHome}/data/{WordList.FileName}' "$QUESTIONBANK_SANDBOX_HOME/data/{WordList.FileName}"
        if [ -d '{PreparedHome}/root' ]; then ln -s '{PreparedHome}/root' "$QUESTIONBANK_SANDBOX_HOME/root"; fi
        ln -s '{PreparedHome}/python-root' "$QUESTIONBANK_SANDBOX_HOME/python-root"
        """;

    private string Script(string body)
    {
        var path = Path.Combine(scratch.FullName, $"prepare-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, $"set -e\n{body}\n");
        return path;
    }

    private static async Task<SandboxPreparation> PrepareAsync(string home, string? script)
    {
        var options = new SandboxOptions { Home = home, PrepareScript = script };
        var environment = new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory };
        var preparation = new SandboxPreparation(Options.Create(options), environment, NullLogger<SandboxPreparation>.Instance);
        await preparation.StartAsync(CancellationToken.None);
        await preparation.Finished.WaitAsync(TimeSpan.FromMinutes(10));
        return preparation;
    }
}
