namespace QuestionBank.Testing;

/// <summary>
/// The lanes tests are sorted into with <c>[Trait(TestCategory.Name, …)]</c>. The fast lane
/// (<c>bash scripts/test.sh fast</c>) leaves them all out; uncategorised tests need only PostgreSQL.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";

    /// <summary>Runs code in the real bubblewrap jail, so it trains, compiles or waits on a worker.</summary>
    public const string Jail = "Jail";

    /// <summary>Starts the app's command line or PostgreSQL's tools as processes of their own, seconds each.</summary>
    public const string Process = "Process";

    /// <summary>Drives Chromium through Playwright.</summary>
    public const string Browser = "Browser";

    /// <summary>
    /// Checks that an exercise's reference meets its goals: the reference lane, which CI runs whenever an
    /// exercise, a judge or the runners changed since it last passed (scripts/reference-lane.sh).
    /// </summary>
    public const string Reference = "Reference";

    /// <summary>The categories a test class declares.</summary>
    public static IReadOnlyList<string> Of(Type testClass) =>
    [
        .. testClass.GetCustomAttributesData()
            .Where(a => a.AttributeType.Name == "TraitAttribute" && (string?)a.ConstructorArguments[0].Value == Name)
            .Select(a => (string)a.ConstructorArguments[1].Value!),
    ];

    /// <summary>The test classes of <paramref name="assembly"/> in collection <paramref name="collection"/>.</summary>
    public static IEnumerable<Type> InCollection(System.Reflection.Assembly assembly, string collection) =>
        assembly.GetTypes().Where(type => type.GetCustomAttributesData()
            .Any(a => a.AttributeType.Name == "CollectionAttribute" && (string?)a.ConstructorArguments[0].Value == collection));
}
