using System.Diagnostics;
using static QuestionBank.Web.Tests.Deployment.DeploymentYaml;

namespace QuestionBank.Web.Tests.Deployment;

/// <summary>
/// The compose file as deployers' tools read it: Debian's docker-compose 1.29 (which
/// scripts/ensure-prerequisites.sh installs) interpolates and validates it as `up` would, without an engine.
/// </summary>
public sealed class ComposeConfigTests
{
    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["POSTGRES_PASSWORD"] = "a test password",
        ["SANDBOX_DB_PASSWORD"] = "another test password",
    };

    private static async Task<(int ExitCode, string Output)> ConfigAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        // An empty env file instead of the repo's .env: a developer's secrets must not hide a missing one.
        var noEnvFile = Path.GetTempFileName();
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = Repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--env-file", noEnvFile, .. arguments, "config", "-q"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in Secrets.Keys)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        File.Delete(noEnvFile);
        return (process.ExitCode, await output + await error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpu")]
    public async Task DockerComposeAcceptsTheFileWithAndWithoutTheGpuProfile(string profile)
    {
        var (exitCode, output) = await ConfigAsync(Secrets, profile == "" ? [] : ["--profile", profile]);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task DockerComposeRefusesTheFileWhenARequiredSecretIsMissingAndSaysWhichToSet()
    {
        var (exitCode, output) = await ConfigAsync(new Dictionary<string, string?> { ["POSTGRES_PASSWORD"] = "a test password" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Set SANDBOX_DB_PASSWORD", output);
    }
}
