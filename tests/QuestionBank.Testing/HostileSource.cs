namespace QuestionBank.Testing;

/// <summary>
/// The hostile sources in HostileCorpus/, copied beside the tests and the sandbox benchmark. Each starts with comment
/// lines naming what it tries (<c>// hostile:</c>), the exercise it is submitted to, the statuses
/// it may end with (<c>// expect:</c>, never succeeded) and optional tighter limits
/// (<c>// limits: timeout=10, memory=1024</c>).
/// </summary>
public sealed record HostileSource(string Name, string Exercise, IReadOnlyList<string> Expected, int TimeoutSeconds, int MemoryMb, string Source)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "HostileCorpus");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.cs").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static HostileSource Load(string name)
    {
        var source = File.ReadAllText(Path.Combine(Directory, name + ".cs"));
        var header = source.Split('\n')
            .TakeWhile(line => line.StartsWith("// ", StringComparison.Ordinal))
            .Select(line => line[3..].Split(':', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
        var limits = header.GetValueOrDefault("limits", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(limit => limit.Split('='))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
        return new HostileSource(name, header["exercise"],
            header["expect"].Split(',', StringSplitOptions.TrimEntries),
            limits.GetValueOrDefault("timeout", 60), limits.GetValueOrDefault("memory", 2048), source);
    }

    public override string ToString() => Name;
}
