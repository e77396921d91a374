using QuestionBank.Exercises.Catalog;
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
}
