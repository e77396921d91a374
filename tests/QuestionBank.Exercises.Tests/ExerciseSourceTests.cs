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

/// <summary>Python versions come from a marked exercise.py beside Exercise.cs, with # markers.</summary>
public sealed class PythonExerciseSourceTests
{
    public static TheoryData<string> Exercises => [.. ExerciseCatalog.All.Select(exercise => exercise.Id)];

    [Theory]
    [MemberData(nameof(Exercises))]
    public void EveryExerciseOffersCSharpAndPythonEachWithItsOwnStarterAndSolution(string id)
    {
        var exercise = ExerciseCatalog.Find(id)!;

        var python = exercise.Code(QuestionBank.Contracts.ExerciseLanguages.Python);

        Assert.Equal(["csharp", "python"], exercise.Languages);
        Assert.NotEqual(python.Starter, python.Solution);
        Assert.All([python.Starter, python.Solution], code =>
        {
            Assert.Contains("def run(ctx):", code, StringComparison.Ordinal);
            Assert.Contains("ctx.submit(", code, StringComparison.Ordinal);
            Assert.DoesNotContain("#@", code, StringComparison.Ordinal);
        });
        Assert.Equal(new ExerciseCode(exercise.Starter, exercise.Solution), exercise.Code(QuestionBank.Contracts.ExerciseLanguages.CSharp));
    }
}
