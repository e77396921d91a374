using System.Reflection;

namespace QuestionBank.Web.Tests.Architecture;

/// <summary>
/// The fast lane leaves out what drives Chromium or the jail only if those tests say so, and no theory's data
/// slows down finding the tests.
/// </summary>
public sealed class TestLaneTests
{
    private static readonly Assembly Tests = typeof(TestLaneTests).Assembly;
    private static readonly string Project = Tests.GetName().Name!;

    [Fact]
    public void EveryBrowserTestClassIsInTheBrowserCategory()
    {
        var classes = Tests.GetTypes()
            .Where(type => type.Namespace == "QuestionBank.Web.Tests.Browser" && type.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null))
            .ToList();

        Assert.NotEmpty(classes);
        Assert.All(classes, type => Assert.Contains(TestCategory.Browser, TestCategory.Of(type)));
    }

    [Fact]
    public void EveryClassThatTrainsInTheJailIsInTheJailOrBrowserCategory()
    {
        var classes = TestCategory.InCollection(Tests, TrainingCollection.Name).ToList();

        Assert.NotEmpty(classes);
        Assert.All(classes, type => Assert.True(
            TestCategory.Of(type).Intersect([TestCategory.Jail, TestCategory.Browser]).Any(), $"{type.Name} has no Jail or Browser category."));
    }

    /// <summary>CI skips the reference lane while its inputs are unchanged: a reference test outside them would never run again.</summary>
    [Fact]
    public void EveryFileWithAReferenceTestIsAnInputOfTheReferenceLane()
    {
        var lane = File.ReadAllText(Path.Combine(RepositoryFolder.Path, "scripts", "reference-lane.sh"));
        var files = Tests.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttributesData().Any(attribute =>
                attribute.AttributeType == typeof(TraitAttribute) && attribute.ConstructorArguments.Select(argument => argument.Value)
                    .SequenceEqual([TestCategory.Name, TestCategory.Reference]))))
            .Select(type => $"tests/{Project}/{type.Namespace![(Project.Length + 1)..].Replace('.', '/')}/{type.Name}.cs")
            .ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Contains($"  {file}\n", lane));
    }

    [Fact]
    public void NoTheoryRowIsLargerThan64KilobytesSoListingTheTestsStaysFast() =>
        Assert.All(TheoryRows.Sizes(Tests), row => Assert.True(row.Bytes <= TheoryRows.MaxBytes, $"a row of {row.Theory} holds {row.Bytes} bytes"));
}
