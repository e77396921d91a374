using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static QuestionBank.Web.Tests.Deployment.DeploymentYaml;

namespace QuestionBank.Web.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so the compose file and the Dockerfiles are checked as files: they
/// parse, every service has a health check, every image is pinned by tag, and docs/operations.md
/// documents what they use.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly YamlMappingNode Services = ComposeServices();

    [Fact]
    public void ComposeRunsPostgresTheWebAppAWorkerAndAGpuWorkerInItsProfile()
    {
        Assert.Equal(["postgres", "sandbox", "sandbox-gpu", "web"], Services.Children.Keys.Select(key => key.ToString()).Order());
        var gpu = Mapping(Services, "sandbox-gpu");
        Assert.Equal(["gpu"], ((YamlSequenceNode)gpu.Children["profiles"]).Select(profile => profile.ToString()));
        var reservation = (YamlMappingNode)((YamlSequenceNode)Mapping(Mapping(Mapping(gpu, "deploy"), "resources"), "reservations").Children["devices"])[0];
        Assert.Equal("nvidia", reservation.Children["driver"].ToString());
        Assert.Contains("cuda", Mapping(gpu, "environment").Children.Values.Select(value => value.ToString()));
        Assert.Equal("pgdata:/var/lib/postgresql/data", ((YamlSequenceNode)Mapping(Services, "postgres").Children["volumes"])[0].ToString());
    }

    [Fact]
    public void EveryServiceHasAHealthCheck()
    {
        foreach (var (name, service) in Services.Children)
        {
            var test = Mapping((YamlMappingNode)service, "healthcheck").Children["test"];
            Assert.True(test is YamlSequenceNode { Children.Count: > 1 }, $"{name} has no health check test");
        }
    }

    [Fact]
    public void EveryImageIsPinnedByTag()
    {
        var composeImages = Services.Children.Values.Cast<YamlMappingNode>()
            .Where(service => service.Children.ContainsKey("image"))
            .Select(service => service.Children["image"].ToString());
        var dockerfileImages = DockerfileImages().Where(image => image.Contains('/') || image.Contains(':'));

        Assert.All(composeImages.Concat(dockerfileImages), image => Assert.Matches(PinnedTag(), image));
    }

    [Fact]
    public void TheDockerfilesBuildWithTheSdkThatGlobalJsonPins()
    {
        using var globalJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "global.json")));
        var pinned = Version.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);
        var sdkImages = DockerfileImages().Where(image => image.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(sdkImages);
        // rollForward latestFeature: the same major and minor, at or above the pinned feature band and patch.
        Assert.All(sdkImages, image =>
        {
            var version = Version.Parse(image[(image.IndexOf(':') + 1)..]);
            Assert.True(version.Major == pinned.Major && version.Minor == pinned.Minor && version.Build >= pinned.Build, $"{image} does not satisfy global.json's {pinned}");
        });
    }

    [Fact]
    public void DockerfilesExistForEveryBuildAndDeclareHealthChecksAndEntrypoints()
    {
        foreach (var path in Dockerfiles())
        {
            var text = File.ReadAllText(path);
            Assert.Contains("HEALTHCHECK", text);
            Assert.Contains("ENTRYPOINT", text);
        }
        var web = File.ReadAllText(Path.Combine(Repo, "src/QuestionBank.Web/Dockerfile"));
        Assert.Contains("USER app", web[web.LastIndexOf("FROM", StringComparison.Ordinal)..]);
        var worker = File.ReadAllText(Path.Combine(Repo, "src/QuestionBank.Sandbox/Dockerfile"));
        Assert.Contains("bubblewrap", worker);
        Assert.Contains("mnist.bin", worker);
        Assert.Contains("words-pool.tsv", worker);
        // The worker drops to the app user in its entrypoint, after delegating its cgroups.
        Assert.Contains("ENTRYPOINT [\"worker-entrypoint.sh\"", worker);
        Assert.Contains("QUESTIONBANK_WORKER_USER=app", worker);
    }

    [Fact]
    public void TheOperationsGuideDocumentsTheComposeCommandsAndEveryVariable()
    {
        var guide = OperationsGuide();
        string[] commands = ["docker compose up", "docker compose up --scale sandbox=3", "docker compose --profile gpu up"];
        Assert.All(commands, command => Assert.Contains(command, guide));
        var variables = Services.Children.Values.Cast<YamlMappingNode>()
            .Where(service => service.Children.ContainsKey("environment"))
            .SelectMany(service => Mapping(service, "environment").Children)
            .SelectMany(pair => new[] { pair.Key.ToString() }.Concat(Substitution().Matches(pair.Value.ToString()).Select(m => m.Groups[1].Value)))
            .Distinct();
        Assert.All(variables, variable => Assert.Contains(variable, guide));
    }

    [Fact]
    public void TheOperationsGuideExplainsRunningAtScaleAndEachSecurityGrant()
    {
        var guide = OperationsGuide();
        var section = guide[guide.IndexOf("## Running at scale", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        Assert.Contains("openssl rand -base64 32", guide);
        Assert.Contains("kubectl apply -k deploy/kubernetes", section);
        foreach (var grant in new[] { "user: app", "seccomp=./deploy/docker/sandbox-seccomp.json", "apparmor=unconfined", "systempaths=unconfined",
            "procMount: Unmasked", "hostUsers: false", "no-new-privileges", "QuestionBank__Sandbox__ContainerLimits=true", "questionbank_worker", "nvidia.com/gpu" })
        {
            Assert.Contains(grant, section);
        }
    }

    private static string OperationsGuide() => File.ReadAllText(Path.Combine(Repo, "docs", "operations.md"));

    private static IEnumerable<string> Dockerfiles() => Services.Children.Values.Cast<YamlMappingNode>()
        .Where(service => service.Children.ContainsKey("build"))
        .Select(service => Path.Combine(Repo, Mapping(service, "build").Children["dockerfile"].ToString()))
        .Distinct()
        .Select(path => File.Exists(path) ? path : throw new FileNotFoundException("A compose build names a missing Dockerfile.", path));

    /// <summary>The image of every FROM line in the Dockerfiles.</summary>
    private static IEnumerable<string> DockerfileImages() => Dockerfiles().SelectMany(path => File.ReadLines(path))
        .Select(line => FromLine().Match(line)).Where(match => match.Success)
        .Select(match => match.Groups[1].Value);

    [GeneratedRegex(@"^FROM\s+(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^[a-z0-9./-]+:[0-9]+(\.[0-9]+)+(-[a-z0-9.-]+)?$")]
    private static partial Regex PinnedTag();

    [GeneratedRegex(@"\$\{([A-Z_]+)")]
    private static partial Regex Substitution();
}
