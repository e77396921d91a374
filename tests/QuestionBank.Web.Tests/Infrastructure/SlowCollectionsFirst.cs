using Xunit.Abstractions;

[assembly: TestCollectionOrderer("QuestionBank.Web.Tests.Infrastructure.SlowCollectionsFirst", "QuestionBank.Web.Tests")]

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// Starts the collections that drive Chromium or start processes first. xUnit runs a few collections at a time,
/// each to its end, in this order: one of tens of seconds started last ran alone at the end, 40 s after all
/// the others had finished (the axe walk over every page).
/// </summary>
public sealed class SlowCollectionsFirst : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    private static readonly string[] SlowCategories = [TestCategory.Browser, TestCategory.Process];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);

    /// <summary>The position of the collection's class's first slow category; the others after them.</summary>
    private static int Rank(ITestCollection collection)
    {
        var testClass = collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
            ? typeof(SlowCollectionsFirst).Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..])
            : null;
        var categories = testClass is null ? [] : TestCategory.Of(testClass);
        var slow = Array.FindIndex(SlowCategories, categories.Contains);
        return slow < 0 ? SlowCategories.Length : slow;
    }
}
