using System.Reflection;

namespace QuestionBank.Web.Tests.Architecture;

public sealed class DependencyTests
{
    [Fact]
    public void TheWebAppDescribesExercisesWithoutTorchSharp()
    {
        var references = ReferencedAssemblies(typeof(Program).Assembly);

        Assert.Contains("QuestionBank.Exercises.Catalog", references);
        Assert.DoesNotContain("QuestionBank.Exercises", references);
        Assert.DoesNotContain("TorchSharp", references);
    }

    [Fact]
    public void TheWebAppsBuildOutputHoldsNoTorchSharpLibtorchRoslynOrSandbox()
    {
        // The app's own output folder, not this test's (which references the worker to start it).
        var output = new DirectoryInfo(Path.Combine(QuestionBankApp.RepoRoot, "src", "QuestionBank.Web", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0"));
        var files = output.EnumerateFiles("*", SearchOption.AllDirectories).Select(file => file.Name).ToList();
        var dependencies = File.ReadAllText(Path.Combine(output.FullName, "QuestionBank.Web.deps.json"));

        Assert.Contains("QuestionBank.Web.dll", files);
        Assert.DoesNotContain("QuestionBank.Exercises.dll", files);
        Assert.All(["TorchSharp", "libtorch", "Microsoft.CodeAnalysis", "QuestionBank.Sandbox"], prefix =>
            Assert.DoesNotContain(files, file => file.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
        // Nor may the app's dependency list name them, where a later restore would bring them back.
        Assert.All(["\"TorchSharp", "\"libtorch", "\"Microsoft.CodeAnalysis", "\"QuestionBank.Sandbox", "\"QuestionBank.Exercises/"], name =>
            Assert.DoesNotContain(name, dependencies, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ServiceDefaultsReferenceNoProjectOfOurs()
    {
        var references = ReferencedAssemblies(typeof(QuestionBank.ServiceDefaults.TelemetryExtensions).Assembly);

        Assert.DoesNotContain(references, name => name.StartsWith("QuestionBank.", StringComparison.Ordinal));
    }

    private static List<string> ReferencedAssemblies(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(name => name.Name!)];
}
