using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QuestionBank.Web.Tests.Deployment;

/// <summary>Reads the compose file and the Kubernetes manifests as data, merge keys (<c>&lt;&lt;</c>) applied, as compose and kubectl read them.</summary>
internal static class DeploymentYaml
{
    public static readonly string Repo = QuestionBankApp.RepoRoot;

    public static readonly string KubernetesDirectory = Path.Combine(Repo, "deploy", "kubernetes");

    /// <summary>The compose file's services.</summary>
    public static YamlMappingNode ComposeServices() => Mapping(Load(Path.Combine(Repo, "docker-compose.yml"))[0], "services");

    /// <summary>Every document of a YAML file.</summary>
    public static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(new MergingParser(new Parser(reader)));
        return [.. yaml.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    public static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    /// <summary>The scalar at a key, or null when the key is absent.</summary>
    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>Every mapping in a tree, the root included, with the key it hangs under.</summary>
    public static IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(pair =>
            new[] { (pair.Key.ToString(), pair.Value) }.Concat(Entries(pair.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Entries),
        _ => [],
    };
}
