using QuestionBank.Data.Runs;
using YamlDotNet.RepresentationModel;
using static QuestionBank.Web.Tests.Deployment.DeploymentYaml;

namespace QuestionBank.Web.Tests.Deployment;

/// <summary>
/// The manifests under deploy/kubernetes, read as data (no cluster runs here): what kustomize
/// would apply, the pods' security settings, the images, the scaling queries and the network policies.
/// </summary>
public sealed class KubernetesManifestsTests
{
    private static readonly YamlMappingNode Kustomization = Load(Path.Combine(KubernetesDirectory, "kustomization.yaml"))[0];

    /// <summary>Every object the kustomization applies; the items of a List count one by one.</summary>
    private static readonly IReadOnlyList<YamlMappingNode> Objects = [.. Sequence(Kustomization, "resources")
        .SelectMany(resource => Load(Path.Combine(KubernetesDirectory, resource.ToString())))
        .SelectMany(document => Scalar(document, "kind") == "List" ? Sequence(document, "items").Cast<YamlMappingNode>() : [document])];

    private static readonly IReadOnlyList<YamlMappingNode> Workloads = [.. Objects.Where(o => Scalar(o, "kind") is "Deployment" or "StatefulSet")];

    [Fact]
    public void TheKustomizationAppliesEveryManifestAndTakesSecretsFromAnIgnoredEnvFile()
    {
        var manifests = Directory.GetFiles(KubernetesDirectory, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml").Order();
        Assert.Equal(manifests, Sequence(Kustomization, "resources").Select(resource => resource.ToString()).Order());
        var secrets = (YamlMappingNode)Sequence(Kustomization, "secretGenerator")[0];
        Assert.Equal(["secrets.env"], Sequence(secrets, "envs").Select(file => file.ToString()));
        Assert.Contains("secrets.env", File.ReadAllLines(Path.Combine(KubernetesDirectory, ".gitignore")));
        // No secret value is committed: no Secret objects, no literals.
        Assert.DoesNotContain(Objects, o => Scalar(o, "kind") == "Secret");
        Assert.False(secrets.Children.ContainsKey("literals"));
    }

    [Fact]
    public void NothingIsPrivilegedAndEveryPasswordComesFromTheSecret()
    {
        foreach (var workload in Workloads)
        {
            Assert.DoesNotContain(Entries(workload), entry => entry.Key is "privileged" or "hostPID" or "hostIPC" or "hostNetwork" or "hostPath" or "add");
            foreach (var container in Containers(workload, "containers").Concat(Containers(workload, "initContainers")))
            {
                foreach (var variable in container.Children.TryGetValue("env", out var env) ? ((YamlSequenceNode)env).Cast<YamlMappingNode>() : [])
                {
                    var name = Scalar(variable, "name")!;
                    if (name.Contains("PASSWORD", StringComparison.Ordinal))
                    {
                        Assert.Equal("questionbank-secrets", Scalar(Mapping(Mapping(variable, "valueFrom"), "secretKeyRef"), "name"));
                    }
                    if (Scalar(variable, "value") is { } value && value.Contains("Password=", StringComparison.Ordinal))
                    {
                        Assert.Matches(@"Password=\$\([A-Z_]*PASSWORD\)$", value);
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryContainerRunsAsNonRootWithoutCapabilitiesOnAReadOnlyRootWithLimitsAndProbes()
    {
        Assert.Equal(["postgres", "sandbox-cpu", "sandbox-gpu", "web"], Workloads.Select(Name).Order());
        foreach (var workload in Workloads)
        {
            var pod = PodSpec(workload);
            var podSecurity = Mapping(pod, "securityContext");
            Assert.Equal("true", Scalar(podSecurity, "runAsNonRoot"));
            Assert.NotEqual("0", Scalar(podSecurity, "runAsUser"));
            Assert.Equal("false", Scalar(pod, "automountServiceAccountToken"));
            if (Name(workload) != "postgres")
            {
                // PostgreSQL's volume would need idmapped mounts; the rest get a user namespace of their own.
                Assert.Equal("false", Scalar(pod, "hostUsers"));
            }
            foreach (var container in Containers(workload, "containers").Concat(Containers(workload, "initContainers")))
            {
                var security = Mapping(container, "securityContext");
                Assert.Equal("false", Scalar(security, "allowPrivilegeEscalation"));
                Assert.Equal("true", Scalar(security, "readOnlyRootFilesystem"));
                Assert.Equal(["ALL"], Sequence(Mapping(security, "capabilities"), "drop").Select(cap => cap.ToString()));
                var seccomp = security.Children.ContainsKey("seccompProfile") ? Mapping(security, "seccompProfile") : Mapping(podSecurity, "seccompProfile");
                Assert.Contains(Scalar(seccomp, "type"), new[] { "RuntimeDefault", "Localhost" });
                var limits = Mapping(Mapping(container, "resources"), "limits");
                Assert.NotNull(Scalar(limits, "cpu"));
                Assert.NotNull(Scalar(limits, "memory"));
            }
            foreach (var container in Containers(workload, "containers"))
            {
                Assert.True(container.Children.ContainsKey("livenessProbe"), $"{Name(workload)} has no liveness probe");
                Assert.True(container.Children.ContainsKey("readinessProbe"), $"{Name(workload)} has no readiness probe");
            }
        }
    }

    [Fact]
    public void TheWebAppRunsAtLeastTwoReplicasProbedOnItsHealthEndpointsBehindAServiceAndIngress()
    {
        var web = Workloads.Single(workload => Name(workload) == "web");
        Assert.True(int.Parse(Scalar(Mapping(web, "spec"), "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var container = Containers(web, "containers").Single();
        Assert.Equal("/health/live", Scalar(Mapping(Mapping(container, "livenessProbe"), "httpGet"), "path"));
        Assert.Equal("/health/ready", Scalar(Mapping(Mapping(container, "readinessProbe"), "httpGet"), "path"));
        Assert.Contains(Objects, o => Scalar(o, "kind") == "Service" && Name(o) == "web");
        Assert.Contains(Objects, o => Scalar(o, "kind") == "Ingress" && Entries(o).Any(entry => entry.Key == "name" && entry.Value.ToString() == "web"));
    }

    [Fact]
    public void GpuWorkersRequestOneGpuOnGpuNodesAndOfferCuda()
    {
        var gpu = Workloads.Single(workload => Name(workload) == "sandbox-gpu");
        var container = Containers(gpu, "containers").Single();
        Assert.Equal("1", Scalar(Mapping(Mapping(container, "resources"), "limits"), "nvidia.com/gpu"));
        Assert.NotEmpty(Mapping(PodSpec(gpu), "nodeSelector").Children);
        Assert.Equal("cuda", Device(gpu));
    }

    [Fact]
    public void ImagesAreTheOnesComposeBuildsAndPins()
    {
        var composeImages = ComposeServices().Children.Values.Cast<YamlMappingNode>().Select(service => Scalar(service, "image")).ToHashSet();
        var images = Workloads.SelectMany(workload => Containers(workload, "containers").Concat(Containers(workload, "initContainers")))
            .Select(container => Scalar(container, "image")).ToHashSet();

        Assert.Equal(composeImages, images);
    }

    [Fact]
    public void KedaScalesEachWorkerDeploymentOnTheRunsItsWorkersWouldClaim()
    {
        var scaled = Objects.Where(o => Scalar(o, "kind") == "ScaledObject").ToList();
        Assert.Equal(["sandbox-cpu", "sandbox-gpu"], scaled.Select(o => Scalar(Mapping(Mapping(o, "spec"), "scaleTargetRef"), "name")).Order());
        foreach (var scaledObject in scaled)
        {
            var spec = Mapping(scaledObject, "spec");
            var target = Workloads.Single(workload => Name(workload) == Scalar(Mapping(spec, "scaleTargetRef"), "name"));
            var trigger = (YamlMappingNode)Sequence(spec, "triggers").Single();
            Assert.Equal("postgresql", Scalar(trigger, "type"));
            // The queue's own text, with the array of the one device this deployment is for.
            Assert.Equal($"SELECT count(*) {RunQueue.ClaimableRuns.Replace("@devices", $"'{{{Device(target)}}}'", StringComparison.Ordinal)}",
                Scalar(Mapping(trigger, "metadata"), "query"));
            Assert.Equal(RunQueue.WorkerRole, Scalar(Mapping(trigger, "metadata"), "userName"));
            Assert.Contains(Scalar(spec, "minReplicaCount"), new[] { "0", "1" });
            Assert.True(int.Parse(Scalar(spec, "maxReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture) > 1);
        }
    }

    [Fact]
    public void TheWebAppAndTheWorkersReachOnlyPostgresAndDns()
    {
        var policies = Objects.Where(o => Scalar(o, "kind") == "NetworkPolicy").Select(policy => Mapping(policy, "spec")).ToList();
        var denyAll = policies.Single(policy => Mapping(policy, "podSelector").Children.Count == 0);
        Assert.Equal(["Ingress", "Egress"], Sequence(denyAll, "policyTypes").Select(type => type.ToString()));
        Assert.False(denyAll.Children.ContainsKey("ingress") || denyAll.Children.ContainsKey("egress"));

        foreach (var app in new[] { "web", "sandbox" })
        {
            var egress = policies.Where(policy => Selects(policy, app) && policy.Children.ContainsKey("egress"))
                .SelectMany(policy => Sequence(policy, "egress")).Cast<YamlMappingNode>().ToList();
            Assert.NotEmpty(egress);
            Assert.All(egress, rule =>
            {
                var peers = Sequence(rule, "to").Cast<YamlMappingNode>().ToList();
                var ports = Sequence(rule, "ports").Cast<YamlMappingNode>().Select(port => Scalar(port, "port")).ToHashSet();
                var postgres = peers.All(peer => Labels(peer, "podSelector") == "app.kubernetes.io/name=postgres" && !peer.Children.ContainsKey("namespaceSelector"));
                var dns = peers.All(peer => Labels(peer, "podSelector") == "k8s-app=kube-dns" && Labels(peer, "namespaceSelector") == "kubernetes.io/metadata.name=kube-system");
                Assert.True((postgres && ports.SetEquals(["5432"])) || (dns && ports.SetEquals(["53"])), $"{app} may reach more than PostgreSQL and DNS");
            });
        }
        Assert.DoesNotContain(policies, policy => Selects(policy, "sandbox") && policy.Children.ContainsKey("ingress"));
    }

    private static string Name(YamlMappingNode o) => Scalar(Mapping(o, "metadata"), "name")!;

    private static YamlMappingNode PodSpec(YamlMappingNode workload) => Mapping(Mapping(Mapping(workload, "spec"), "template"), "spec");

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload, string kind) =>
        PodSpec(workload).Children.TryGetValue(kind, out var containers) ? ((YamlSequenceNode)containers).Cast<YamlMappingNode>() : [];

    /// <summary>The device a worker deployment is for: the last it offers (cpu unless it lists more).</summary>
    private static string Device(YamlMappingNode worker) => Containers(worker, "containers").Single().Children.TryGetValue("env", out var env)
        ? ((YamlSequenceNode)env).Cast<YamlMappingNode>()
            .Where(variable => Scalar(variable, "name")!.StartsWith("QuestionBank__Sandbox__Devices__", StringComparison.Ordinal))
            .Select(variable => Scalar(variable, "value")!).LastOrDefault("cpu")
        : "cpu";

    /// <summary>Whether a policy's pod selector picks the pods of an app.</summary>
    private static bool Selects(YamlMappingNode policy, string app)
    {
        var selector = Mapping(policy, "podSelector");
        return Labels(policy, "podSelector") == $"app.kubernetes.io/name={app}"
            || (selector.Children.ContainsKey("matchExpressions") && Sequence(selector, "matchExpressions").Cast<YamlMappingNode>()
                .Any(expression => Scalar(expression, "key") == "app.kubernetes.io/name" && Scalar(expression, "operator") == "In"
                    && Sequence(expression, "values").Any(value => value.ToString() == app)));
    }

    /// <summary>A selector's matchLabels as key=value pairs joined by commas; empty when it has none.</summary>
    private static string Labels(YamlMappingNode node, string selector) =>
        node.Children.TryGetValue(selector, out var value) && ((YamlMappingNode)value).Children.TryGetValue("matchLabels", out var labels)
            ? string.Join(",", ((YamlMappingNode)labels).Children.Select(pair => $"{pair.Key}={pair.Value}"))
            : "";
}
