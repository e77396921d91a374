using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests;

/// <summary>The fast lane leaves out what runs in the jail only if those tests say so.</summary>
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
}
