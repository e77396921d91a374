using System.Text.RegularExpressions;
using QuestionBank.Data.Runs;
using YamlDotNet.RepresentationModel;
using static QuestionBank.Web.Tests.Deployment.DeploymentYaml;

namespace QuestionBank.Web.Tests.Deployment;

/// <summary>The compose file's least-privilege settings, read as data since no Docker engine runs here.</summary>
public sealed partial class ComposeSecurityTests
{
    private static readonly string ComposePath = Path.Combine(Repo, "docker-compose.yml");
    private static readonly YamlMappingNode Services = ComposeServices();
    private static readonly string[] Workers = ["sandbox", "sandbox-gpu"];

    [Fact]
    public void NoServiceIsPrivilegedOrGainsCapabilities()
    {
        foreach (var (name, service) in Services.Children)
        {
            Assert.DoesNotContain(Entries(service), entry => entry.Key == "privileged");
            // Host devices, namespaces and capabilities (the GPU comes as a device reservation instead).
            Assert.DoesNotContain(((YamlMappingNode)service).Children.Keys, key => key.ToString() is "cap_add" or "devices" or "pid" or "ipc" or "network_mode" or "userns_mode");
            if (name.ToString() != "postgres")
            {
                // PostgreSQL's image starts as root to own its data folder, then drops to postgres.
                Assert.Equal(["ALL"], Sequence((YamlMappingNode)service, "cap_drop").Select(cap => cap.ToString()));
                Assert.Equal("true", Scalar((YamlMappingNode)service, "read_only"));
            }
        }
    }

    [Fact]
    public void EveryPasswordMustBeSetAndHasNoDefault()
    {
        var text = File.ReadAllText(ComposePath);
        var passwords = PasswordSubstitution().Matches(text).Select(match => match.Value).ToList();

        Assert.Contains(passwords, password => password.StartsWith("${POSTGRES_PASSWORD:?", StringComparison.Ordinal));
        Assert.Contains(passwords, password => password.StartsWith("${SANDBOX_DB_PASSWORD:?", StringComparison.Ordinal));
        // Required, or empty when unset (the optional first admin): never a value to fall back to.
        Assert.All(passwords, password => Assert.Matches(@"^\$\{[A-Z_]+(:\?.*|:-)\}$", password));
        // Every password in a connection string is one of those substitutions.
        Assert.All(ConnectionPassword().Matches(text), match => Assert.StartsWith("${", match.Groups[1].Value));
        Assert.DoesNotContain("questionbank}", text);
    }

    [Fact]
    public void SandboxWorkersRunUnprivilegedWithTheContainersLimitsAsTheRunsAndTheWorkerRole()
    {
        foreach (var name in Workers)
        {
            var worker = Mapping(Services, name);
            Assert.Equal("app", Scalar(worker, "user"));
            var securityOptions = Sequence(worker, "security_opt").Select(option => option.ToString()).ToList();
            Assert.Contains("seccomp=./deploy/docker/sandbox-seccomp.json", securityOptions);
            Assert.Contains("no-new-privileges:true", securityOptions);
            Assert.Subset(new HashSet<string>(["seccomp=./deploy/docker/sandbox-seccomp.json", "apparmor=unconfined", "systempaths=unconfined", "no-new-privileges:true"]),
                securityOptions.ToHashSet());
            var environment = Mapping(worker, "environment");
            Assert.Equal("true", Scalar(environment, "QuestionBank__Sandbox__ContainerLimits"));
            Assert.Contains($"Username={RunQueue.WorkerRole};", Scalar(environment, "ConnectionStrings__QuestionBank"));
            Assert.NotNull(Scalar(worker, "mem_limit"));
            Assert.Equal(Scalar(worker, "mem_limit"), Scalar(worker, "memswap_limit"));
            Assert.NotNull(Scalar(worker, "pids_limit"));
            Assert.NotNull(Scalar(worker, "cpus"));
        }
    }

    [Fact]
    public void EachSecurityGrantIsExplainedOnTheLinesAboveIt()
    {
        var lines = File.ReadAllLines(ComposePath);
        var grants = lines.Select((line, index) => (line.Trim(), index))
            .Where(line => line.Item1.StartsWith("- seccomp=", StringComparison.Ordinal) || line.Item1.StartsWith("- apparmor=", StringComparison.Ordinal)
                || line.Item1.StartsWith("- systempaths=", StringComparison.Ordinal) || line.Item1.StartsWith("user:", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(4, grants.Count);
        Assert.All(grants, grant => Assert.StartsWith("#", lines[grant.index - 1].Trim()));
    }

    [Fact]
    public void TheSeccompProfileDeniesByDefaultAndAddsOnlyTheCallsBubblewrapNeeds()
    {
        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "deploy", "docker", "sandbox-seccomp.json")));
        Assert.Equal("SCMP_ACT_ERRNO", profile.RootElement.GetProperty("defaultAction").GetString());
        var allowed = profile.RootElement.GetProperty("syscalls").EnumerateArray()
            .Where(rule => rule.GetProperty("action").GetString() == "SCMP_ACT_ALLOW" && !rule.TryGetProperty("args", out _))
            .SelectMany(rule => rule.GetProperty("names").EnumerateArray().Select(name => name.GetString()))
            .ToHashSet();

        Assert.Subset(allowed, new HashSet<string?>(["clone", "unshare", "mount", "umount2", "pivot_root", "setns"]));
        // What no jail needs and Docker's default also keeps from a container without capabilities.
        Assert.DoesNotContain(allowed, name => name is "bpf" or "perf_event_open" or "kexec_load" or "init_module" or "finit_module"
            or "reboot" or "swapon" or "ptrace" or "keyctl" or "add_key" or "open_by_handle_at" or "io_uring_setup");
    }

    [GeneratedRegex(@"\$\{[A-Z_]*PASSWORD[^}]*\}")]
    private static partial Regex PasswordSubstitution();

    [GeneratedRegex(@"Password=([^;""]+)")]
    private static partial Regex ConnectionPassword();
}
