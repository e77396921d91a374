using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests;

/// <summary>The fast lane leaves out what runs in the jail only if those tests say so, and no theory's data slows down finding the tests.</summary>
public sealed class TestLaneTests
{
    [Fact]
    public void EveryClassInTheSandboxCollectionIsInTheJailOrReferenceCategory()
    {
        var classes = TestCategory.InCollection(typeof(TestLaneTests).Assembly, SandboxCollection.Name).ToList();

        Assert.NotEmpty(classes);
        Assert.All(classes, type => Assert.True(
            TestCategory.Of(type).Intersect([TestCategory.Jail, TestCategory.Reference]).Any(), $"{type.Name} has no Jail or Reference category."));
    }

    [Fact]
    public void NoTheoryRowIsLargerThan64KilobytesSoListingTheTestsStaysFast() =>
        Assert.All(TheoryRows.Sizes(typeof(TestLaneTests).Assembly), row => Assert.True(row.Bytes <= TheoryRows.MaxBytes, $"a row of {row.Theory} holds {row.Bytes} bytes"));
}
