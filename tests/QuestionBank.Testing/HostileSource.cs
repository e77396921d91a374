namespace QuestionBank.Testing;

/// <summary>
/// The hostile sources in HostileCorpus/, copied beside the tests and the sandbox benchmark: C# (<c>.cs</c>) and
/// Python (<c>.py</c>, run by the Python runner). Each starts with comment
/// lines naming what it tries (<c>// hostile:</c>, in Python <c># hostile:</c>), the exercise it is submitted to, the statuses
/// it may end with (<c>// expect:</c>, never succeeded) and optional tighter limits
/// (<c>// limits: timeout=10, memory=1024</c>). A source that reads its own standard output says so
/// (<c>// steals: stdout</c>): the lines it reads never reach the worker, its started line among them. A C# source whose header names a module (<c>// module: Stuck</c>)
/// is only the body of that module's <c>Tensor forward(Tensor input)</c>: <see cref="Load"/> wraps it in a
/// solution that submits the module.
/// </summary>
public sealed record HostileSource(string Name, string Exercise, IReadOnlyList<string> Expected, int TimeoutSeconds, int MemoryMb, string Source,
    string Language = QuestionBank.Contracts.ExerciseLanguages.CSharp, bool StealsOutput = false)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "HostileCorpus");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.cs").Concat(System.IO.Directory.GetFiles(Directory, "*.py"))
            .Select(Path.GetFileNameWithoutExtension).Order()!;

    public static HostileSource Load(string name)
    {
        var python = File.Exists(Path.Combine(Directory, name + ".py"));
        var source = File.ReadAllText(Path.Combine(Directory, name + (python ? ".py" : ".cs")));
        var comment = python ? "# " : "// ";
        var lines = source.Split('\n');
        var headerLines = lines.TakeWhile(line => line.StartsWith(comment, StringComparison.Ordinal)).ToList();
        var header = headerLines
            .Select(line => line[comment.Length..].Split(':', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
        var limits = header.GetValueOrDefault("limits", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(limit => limit.Split('='))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
        if (header.TryGetValue("module", out var module))
        {
            var forwardBody = string.Join('\n', lines.Skip(headerLines.Count)).TrimEnd();
            source = string.Join('\n', headerLines) + "\n" + ModuleSolution(module, forwardBody);
        }
        return new HostileSource(name, header["exercise"],
            header["expect"].Split(',', StringSplitOptions.TrimEntries),
            limits.GetValueOrDefault("timeout", 60), limits.GetValueOrDefault("memory", 2048), source,
            python ? QuestionBank.Contracts.ExerciseLanguages.Python : QuestionBank.Contracts.ExerciseLanguages.CSharp,
            header.GetValueOrDefault("steals") == "stdout");
    }

    /// <summary>A solution that submits the module <paramref name="module"/>, whose forward runs <paramref name="forwardBody"/>.</summary>
    private static string ModuleSolution(string module, string forwardBody) => $$"""
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        public class Solution
        {
            public void Run(ExerciseContext ctx) => ctx.Submit(new {{module}}());
        }

        public class {{module}} : Module<Tensor, Tensor>
        {
            public {{module}}() : base(nameof({{module}})) { }

            public override Tensor forward(Tensor input)
            {
        {{forwardBody}}
            }
        }

        """;

    public override string ToString() => Name;
}
