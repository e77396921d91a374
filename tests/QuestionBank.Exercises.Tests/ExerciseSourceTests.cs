namespace QuestionBank.Exercises.Tests;

/// <summary>Each exercise's starter and solution are derived from its one marked Exercise.cs.</summary>
public sealed class ExerciseSourceTests
{
    public static TheoryData<string> Ids => [.. ExerciseCatalog.All.Select(exercise => exercise.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheStarterAndSolutionAreNonEmptyDifferentAndShowNoMarker(string id)
    {
        var exercise = ExerciseCatalog.Find(id)!;

        Assert.False(string.IsNullOrWhiteSpace(exercise.Starter));
        Assert.False(string.IsNullOrWhiteSpace(exercise.Solution));
        Assert.NotEqual(exercise.Starter, exercise.Solution);
        Assert.DoesNotContain("//@", exercise.Starter, StringComparison.Ordinal);
        Assert.DoesNotContain("//@", exercise.Solution, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheDerivedStarterAndSolutionEqualTheFormerFilesByteForByte(string id)
    {
        var exercise = ExerciseCatalog.Find(id)!;
        var folder = Path.Combine(RepoRoot(), "src", "QuestionBank.Exercises.Catalog", "Sources", id);

        Assert.Equal(File.ReadAllText(Path.Combine(folder, "Starter.cs")), exercise.Starter);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "Solution.cs")), exercise.Solution);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "QuestionBank.sln")))
        {
            dir = dir.Parent ?? throw new DirectoryNotFoundException("No QuestionBank.sln above the test binaries.");
        }

        return dir.FullName;
    }
}
