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
    public void ServiceDefaultsReferenceNoProjectOfOurs()
    {
        var references = ReferencedAssemblies(typeof(QuestionBank.ServiceDefaults.TelemetryExtensions).Assembly);

        Assert.DoesNotContain(references, name => name.StartsWith("QuestionBank.", StringComparison.Ordinal));
    }

    private static List<string> ReferencedAssemblies(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(name => name.Name!)];
}
