using System.Collections;
using System.Reflection;
using Xunit;

namespace QuestionBank.Testing;

/// <summary>
/// The rows of an assembly's <c>[MemberData]</c> theories, as xUnit discovers them: it serialises every row it can
/// into the test case it hands the runner, so a row of megabytes slows down listing, and so running, every test.
/// </summary>
public static class TheoryRows
{
    /// <summary>The most a row may hold: a 5 MB row once cost the web suite 34 s before its first test ran.</summary>
    public const long MaxBytes = 64 * 1024;

    /// <summary>Each theory's rows, named by class and method, with their rough size (two bytes a character, one a byte).</summary>
    public static IEnumerable<(string Theory, long Bytes)> Sizes(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods()
        from data in method.GetCustomAttributes<MemberDataAttribute>()
        from row in data.GetData(method)
        select ($"{type.Name}.{method.Name}", row.Sum(Size));

    private static long Size(object? value) => value switch
    {
        string text => text.Length * 2L,
        byte[] bytes => bytes.Length,
        IEnumerable items => items.Cast<object?>().Sum(Size),
        _ => 16,
    };
}
