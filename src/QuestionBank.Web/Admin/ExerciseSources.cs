using QuestionBank.Data.Entities;

namespace QuestionBank.Web.Admin;

/// <summary>How the admin pages name the origin of a question's exercise.</summary>
public static class ExerciseSources
{
    public static string Describe(ExerciseSource source) => source switch
    {
        ExerciseSource.Declared => "declared in the document",
        ExerciseSource.Title => "by title",
        ExerciseSource.Admin => "chosen by an admin",
        _ => "no exercise",
    };
}
