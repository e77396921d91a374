using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Sandbox.Runner.Compilation;

/// <summary>
/// Compiles a user's solution with Roslyn against an allow-list of references: the .NET base class
/// library (without Microsoft.CSharp and Microsoft.VisualBasic, whose late binders reach members by
/// name), TorchSharp and the exercise API.
/// <para>
/// Then it refuses, at the offending line, what would reach into the runner that judges the code:
/// <c>dynamic</c> in any form (this check sees static types only, and dynamic binding names members
/// at run time), and the APIs of <see cref="ForbiddenApis"/>: reflection, interop, assembly
/// loading, and the other known ways of the base class library to reach types or members by name
/// or to step around the type system. Of <see cref="Type"/>, only naming and comparing types
/// (<see cref="TypeMembersAllowed"/>) remain. This is defence in depth, a list that can miss
/// something: the jail, not this check, is what protects the host.
/// </para>
/// Error codes: QB0001 a refused API or <c>dynamic</c>; QB0002 no <c>public class Solution</c>;
/// QB0003 no public parameterless constructor or <c>public void Run(ExerciseContext ctx)</c>.
/// </summary>
public sealed class SolutionCompiler
{
    public const string SourceFileName = "Solution.cs";

    /// <summary>
    /// Namespaces (with those under them), types (with their members, types nested in them and
    /// types derived from them, and values of them) and single members (<c>Type.Member</c>) that
    /// exercise code may not use, and why.
    /// </summary>
    private static readonly Dictionary<string, string> ForbiddenApis = new()
    {
        ["System.Reflection"] = "reflection reaches types and members by name, private ones included",
        ["System.Runtime.InteropServices"] = "interop calls native code and reads and writes raw memory",
        ["System.Runtime.CompilerServices"] = "Unsafe and RuntimeHelpers step around the type system",
        ["System.Runtime.Loader"] = "it loads assemblies",
        ["System.Runtime.Serialization"] = "it creates objects without their constructors and fills private fields",
        ["System.Dynamic"] = "dynamic binding reaches members by name at run time",
        ["Microsoft.CSharp.RuntimeBinder"] = "dynamic binding reaches members by name at run time",
        ["Microsoft.VisualBasic"] = "late binding (CallByName) reaches members by name",
        ["System.Linq.Expressions"] = "expression factories reach members by name (Expression.Call, Field, PropertyOrField) and compile code",
        ["System.ComponentModel.TypeDescriptor"] = "it reads and writes properties by name",
        ["System.ComponentModel.MemberDescriptor"] = "it reads and writes properties by name",
        ["System.Activator"] = "it creates instances of types named at run time",
        ["System.AppDomain"] = "it lists and loads the runner's assemblies",
        ["System.AppContext.GetData"] = "it reads the runner's configuration by name",
        ["System.AppContext.SetData"] = "it changes the runner's configuration",
        ["System.AppContext.SetSwitch"] = "it changes the runner's configuration",
        ["System.Delegate.CreateDelegate"] = "it binds methods by name",
        ["System.Delegate.DynamicInvoke"] = "it calls late-bound, with arguments checked only at run time",
        ["System.Delegate.Method"] = "it hands out reflection's MethodInfo",
        ["System.RuntimeMethodHandle"] = "method handles lead to function pointers",
        ["System.RuntimeFieldHandle"] = "field handles lead to raw field access",
        ["System.TypedReference"] = "typed references (__makeref, __refvalue) step around the type system",
        ["System.ArgIterator"] = "__arglist steps around the type system",
        ["System.RuntimeArgumentHandle"] = "__arglist steps around the type system",
        ["System.Diagnostics.Process"] = "exercise code may not start or inspect processes",
        ["System.Diagnostics.StackTrace"] = "stack frames hand out reflection's MethodBase",
        ["System.Diagnostics.StackFrame"] = "stack frames hand out reflection's MethodBase",
    };

    /// <summary>Members of System.Type (and of MemberInfo, where Name lives) that stay usable: naming and comparing types.</summary>
    private static readonly HashSet<string> TypeMembersAllowed =
    [
        "Name", "FullName", "Namespace", "ToString", "Equals", "GetHashCode", "IsAssignableFrom", "IsInstanceOfType",
        "GetTypeFromHandle", "op_Equality", "op_Inequality",
    ];

    /// <summary>Types inside a forbidden namespace that are harmless: what <c>await</c>, <c>GetAwaiter().GetResult()</c> and <c>ConfigureAwait</c> produce.</summary>
    private static readonly HashSet<string> AllowedInForbiddenNamespaces =
    [
        "System.Runtime.CompilerServices.TaskAwaiter",
        "System.Runtime.CompilerServices.ValueTaskAwaiter",
        "System.Runtime.CompilerServices.YieldAwaitable",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
        "System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable",
        "System.Runtime.CompilerServices.ConfiguredAsyncDisposable",
    ];

    /// <summary>Left out of the references: C#'s and Visual Basic's late binders.</summary>
    private static readonly HashSet<string> ExcludedReferences =
        ["Microsoft.CSharp.dll", "Microsoft.VisualBasic.dll", "Microsoft.VisualBasic.Core.dll"];

    /// <summary>What the compiler says about <c>dynamic</c> without Microsoft.CSharp; QB0001 says it better.</summary>
    private static readonly HashSet<string> MissingDynamicBinder = ["CS0656", "CS1969"];

    private static readonly SymbolDisplayFormat QualifiedName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

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

        // Refused APIs are reported even beside other errors, so that `dynamic` is explained rather
        // than left to the compiler's complaint about a missing Microsoft.CSharp.
        var refused = FindForbiddenApis(tree, compilation.GetSemanticModel(tree)).ToList();
        var errors = compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Where(diagnostic => refused.Count == 0 || !MissingDynamicBinder.Contains(diagnostic.Id))
            .Select(diagnostic => ToError(diagnostic.Location, diagnostic.Id, diagnostic.GetMessage()))
            .Concat(refused)
            .ToList();
        if (errors.Count == 0)
        {
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

    /// <summary>
    /// Every expression and type name of the source: the symbol it reaches (a namespace, type,
    /// method, property, field or event), the type of its value and, for dynamic, the type it is
    /// converted to. One error per line and refused API.
    /// </summary>
    private static IEnumerable<CompileError> FindForbiddenApis(SyntaxTree tree, SemanticModel model)
    {
        var seen = new HashSet<(int, string)>();
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
        {
            var symbolInfo = model.GetSymbolInfo(node);
            var typeInfo = model.GetTypeInfo(node);
            var reason = (symbolInfo.Symbol is { } symbol ? [symbol] : symbolInfo.CandidateSymbols.AsEnumerable())
                .Select(Refusal)
                .Concat(TypesWithin(typeInfo.Type).Select(Refusal))
                .FirstOrDefault(refusal => refusal is not null)
                ?? (TypesWithin(typeInfo.Type).Concat(TypesWithin(typeInfo.ConvertedType)).Any(type => type.TypeKind == TypeKind.Dynamic)
                    ? "dynamic is not available to exercise code: its binding reaches members by name at run time, out of this check's sight; use static types"
                    : null);
            if (reason is null)
            {
                continue;
            }
            var error = ToError(node.GetLocation(), "QB0001", reason);
            if (seen.Add((error.Line, reason)))
            {
                yield return error;
            }
        }
    }

    /// <summary>Why <paramref name="symbol"/> is refused, or null when it is not.</summary>
    private static string? Refusal(ISymbol symbol)
    {
        symbol = symbol is IMethodSymbol { ReducedFrom: { } extension } ? extension : symbol;
        symbol = symbol.OriginalDefinition;
        var isMember = symbol is IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol;
        if (isMember && symbol.ContainingType?.ToDisplayString(QualifiedName) is "System.Type" or "System.Reflection.MemberInfo")
        {
            return TypeMembersAllowed.Contains(symbol.Name)
                ? null
                : $"Type.{symbol.Name} is not available to exercise code: of a Type, only {string.Join(", ", TypeMembersAllowed.Where(name => !name.StartsWith("op_", StringComparison.Ordinal)))}, == and != are";
        }
        var type = symbol as INamedTypeSymbol ?? (isMember ? symbol.ContainingType : null);
        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            if (AllowedInForbiddenNamespaces.Contains(outer.ToDisplayString(QualifiedName)))
            {
                return null;
            }
        }
        var api = NamesOf(symbol, isMember, type).FirstOrDefault(ForbiddenApis.ContainsKey);
        return api is null ? null : $"{api} is not available to exercise code: {ForbiddenApis[api]}";
    }

    /// <summary>The member (Type.Member), its type with the types around it and below it, and their namespaces.</summary>
    private static IEnumerable<string> NamesOf(ISymbol symbol, bool isMember, INamedTypeSymbol? type)
    {
        if (isMember && type is not null)
        {
            yield return $"{type.ToDisplayString(QualifiedName)}.{symbol.Name}";
        }
        for (var baseType = type; baseType is not null; baseType = baseType.BaseType)
        {
            for (var outer = baseType; outer is not null; outer = outer.ContainingType)
            {
                yield return outer.ToDisplayString(QualifiedName);
            }
        }
        for (var space = type?.ContainingNamespace ?? symbol as INamespaceSymbol; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            yield return space.ToDisplayString();
        }
    }

    /// <summary>A type with the types it is made of: array elements and generic arguments, recursively.</summary>
    private static IEnumerable<ITypeSymbol> TypesWithin(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                yield break;
            case IArrayTypeSymbol array:
                foreach (var element in TypesWithin(array.ElementType))
                {
                    yield return element;
                }
                break;
            case INamedTypeSymbol named:
                yield return named;
                foreach (var argument in named.TypeArguments.SelectMany(TypesWithin))
                {
                    yield return argument;
                }
                break;
            default:
                yield return type;
                break;
        }
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
        var framework = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(path => !ExcludedReferences.Contains(Path.GetFileName(path)));
        string[] exerciseApi =
            [typeof(TorchSharp.torch).Assembly.Location, typeof(ExerciseContext).Assembly.Location, typeof(ExerciseParameters).Assembly.Location];
        return [.. framework.Concat(exerciseApi).Select(path => MetadataReference.CreateFromFile(path))];
    }
}
