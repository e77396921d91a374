using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuestionBank.Exercises;

namespace QuestionBank.Sandbox.Runner.Compilation;

/// <summary>
/// Compiles a user's solution with Roslyn against an allow-list of references: the .NET base class
/// library, TorchSharp and the exercise API. Reflection, interop and assembly loading are refused
/// at compile time, so user code cannot reach into the runner that judges it; the jail, not this
/// check, is what protects the host.
/// </summary>
public sealed class SolutionCompiler
{
    public const string SourceFileName = "Solution.cs";

    private static readonly string[] ForbiddenNamespaces =
        ["System.Reflection", "System.Runtime.InteropServices", "System.Runtime.Loader", "System.Runtime.CompilerServices"];

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using QuestionBank.Exercises;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public CompiledSolution Compile(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, SourceFileName);
        var compilation = CSharpCompilation.Create(
            "Solution",
            [CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, "GlobalUsings.cs"), tree],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: false,
                concurrentBuild: false));

        var errors = compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => ToError(diagnostic.Location, diagnostic.Id, diagnostic.GetMessage()))
            .ToList();
        if (errors.Count == 0)
        {
            var model = compilation.GetSemanticModel(tree);
            errors.AddRange(FindForbiddenApis(tree, model));
            errors.AddRange(CheckContract(compilation, tree));
        }
        if (errors.Count > 0)
        {
            return new CompiledSolution(null, [.. errors.OrderBy(error => error.Line).ThenBy(error => error.Column)]);
        }

        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        return emitted.Success
            ? new CompiledSolution(assembly.ToArray(), [])
            : new CompiledSolution(null, [.. emitted.Diagnostics
                .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
                .Select(diagnostic => ToError(diagnostic.Location, diagnostic.Id, diagnostic.GetMessage()))]);
    }

    private static IEnumerable<CompileError> FindForbiddenApis(SyntaxTree tree, SemanticModel model)
    {
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
        {
            // What is reached (a type, a method) or produced (a MethodInfo, an Assembly) counts;
            // reading a plain property such as exception.GetType().Name does not.
            var symbol = model.GetSymbolInfo(node).Symbol;
            var type = model.GetTypeInfo(node).Type;
            while (type is IArrayTypeSymbol array)
            {
                type = array.ElementType;
            }
            var forbidden = (symbol is IPropertySymbol or IEventSymbol ? null : ForbiddenNamespace(symbol)) ?? ForbiddenNamespace(type);
            if (forbidden is not null)
            {
                yield return ToError(node.GetLocation(), "QB0001", $"{forbidden} is not available to exercise code.");
            }
        }
    }

    private static string? ForbiddenNamespace(ISymbol? symbol)
    {
        var space = (symbol as INamespaceSymbol ?? symbol?.ContainingNamespace)?.ToDisplayString();
        return space is null ? null : ForbiddenNamespaces.FirstOrDefault(forbidden =>
            space == forbidden || space.StartsWith(forbidden + ".", StringComparison.Ordinal));
    }

    private static IEnumerable<CompileError> CheckContract(CSharpCompilation compilation, SyntaxTree tree)
    {
        var solution = compilation.GetTypeByMetadataName("Solution");
        if (solution is null || solution.DeclaredAccessibility != Accessibility.Public)
        {
            yield return new CompileError(1, 1, "QB0002", "Declare `public class Solution` (in no namespace).");
            yield break;
        }
        var context = compilation.GetTypeByMetadataName(typeof(ExerciseContext).FullName!);
        var run = solution.GetMembers("Run").OfType<IMethodSymbol>().FirstOrDefault(method =>
            method.DeclaredAccessibility == Accessibility.Public && !method.IsStatic && method.ReturnsVoid
            && method.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, context));
        var hasConstructor = solution.InstanceConstructors.Any(constructor =>
            constructor.DeclaredAccessibility == Accessibility.Public && constructor.Parameters.Length == 0);
        var location = solution.Locations.FirstOrDefault(candidate => candidate.SourceTree == tree);
        if (run is null || !hasConstructor || solution.IsAbstract)
        {
            yield return ToError(location, "QB0003",
                "Solution needs a public parameterless constructor and `public void Run(ExerciseContext ctx)`.");
        }
    }

    private static CompileError ToError(Location? location, string code, string message)
    {
        var position = location is { IsInSource: true } ? location.GetLineSpan().StartLinePosition : default;
        return new CompileError(position.Line + 1, position.Character + 1, code, message);
    }

    private static MetadataReference[] LoadReferences()
    {
        var framework = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll");
        string[] exerciseApi = [typeof(TorchSharp.torch).Assembly.Location, typeof(ExerciseContext).Assembly.Location];
        return [.. framework.Concat(exerciseApi).Select(path => MetadataReference.CreateFromFile(path))];
    }
}
