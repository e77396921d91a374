using System.Reflection;

namespace QuestionBank.Web.Tests.Architecture;

/// <summary>
/// The fast lane leaves out what drives Chromium or the jail only if those tests say so, and no theory's data
/// slows down finding the tests.
/// </summary>
public sealed class TestLaneTests
{
    private static readonly Assembly Tests = typeof(TestLaneTests).Assembly;

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

    [Fact]
    public void NoTheoryRowIsLargerThan64KilobytesSoListingTheTestsStaysFast() =>
        Assert.All(TheoryRows.Sizes(Tests), row => Assert.True(row.Bytes <= TheoryRows.MaxBytes, $"a row of {row.Theory} holds {row.Bytes} bytes"));
}
