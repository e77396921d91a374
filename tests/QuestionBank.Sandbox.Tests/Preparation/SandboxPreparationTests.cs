using System.Diagnostics;
using System.Runtime.Versioning;
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

    /// <summary>
    /// The script reads the host's library cache through a pipe under pipefail; a reader that stops at its
    /// first match ends the writer with SIGPIPE once the cache outgrows the pipe's 64 KB, and the script
    /// stopped there without a word (a CI machine's did).
    /// </summary>
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task TheRepositoryScriptGoesOnWhenTheHostsLibraryCacheOutgrowsAPipesBuffer()
    {
        var shims = Directory.CreateDirectory(Path.Combine(scratch.FullName, "shims")).FullName;
        var ldconfig = Path.Combine(shims, "ldconfig");
        var real = new[] { "/usr/sbin/ldconfig", "/sbin/ldconfig" }.First(File.Exists);
        File.WriteAllText(ldconfig, $"#!/bin/bash\nfor i in 1 2 3 4 5 6 7 8; do {real} \"$@\"; done\n");
        File.SetUnixFileMode(ldconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // As from a terminal or CI: .NET ignores SIGPIPE and its children inherit that, which would hide the failure.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=PIPE");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(Path.Combine(RepositoryFolder.Path, "scripts", "prepare-sandbox.sh"));
        start.Environment["QUESTIONBANK_SANDBOX_HOME"] = PreparedHome;
        start.Environment["PATH"] = $"{shims}:{Environment.GetEnvironmentVariable("PATH")}";

        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(script.ExitCode == 0, $"exit code {script.ExitCode}: {await output}{await errors}");
        Assert.Contains($"Sandbox home: {PreparedHome}", await output);
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
