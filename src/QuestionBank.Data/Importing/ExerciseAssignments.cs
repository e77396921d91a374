using QuestionBank.Core.Documents;
using QuestionBank.Data.Entities;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Data.Importing;

/// <summary>
/// Which exercise an imported question gets. Its first <c>exercise &lt;id&gt;</c> block decides
/// (<c>exercise none</c>: no exercise); without a known one, a coding question falls back to its
/// title's keywords (<see cref="ExerciseCatalog.ForQuestionTitle"/>). An admin's choice on the
/// question page outlives re-imports until the document itself declares an exercise.
/// </summary>
public static class ExerciseAssignments
{
    /// <summary>Longest exercise id stored; longer names are unknown anyway.</summary>
    public const int MaxIdLength = 40;

    /// <summary>The exercise the document gives the question, by declaration or title.</summary>
    public static ExerciseAssignment Of(ParsedQuestion question)
    {
        if (question.ExerciseDeclarations.FirstOrDefault() is { } declared)
        {
            if (declared.IsNone)
            {
                return new ExerciseAssignment(null, ExerciseSource.Declared);
            }

            if (ExerciseCatalog.Find(declared.Name) is { } exercise)
            {
                return new ExerciseAssignment(exercise.Id, ExerciseSource.Declared);
            }
        }

        return question.Kind == QuestionKind.Coding && ExerciseCatalog.ForQuestionTitle(question.Title) is { } byTitle
            ? new ExerciseAssignment(byTitle.Id, ExerciseSource.Title)
            : new ExerciseAssignment(null, ExerciseSource.None);
    }

    /// <summary>
    /// What the question keeps after a re-import: the document's declaration always wins; otherwise an
    /// admin's earlier choice stays, and anything else follows the title.
    /// </summary>
    public static ExerciseAssignment Reimported(ParsedQuestion question, ExerciseAssignment current)
    {
        var fromDocument = Of(question);
        return fromDocument.Source != ExerciseSource.Declared && current.Source == ExerciseSource.Admin ? current : fromDocument;
    }

    /// <summary>Declarations an admin should fix: unknown names (the question gets no exercise from them) and repeats.</summary>
    public static IEnumerable<DocumentWarning> Review(ParsedDocument document)
    {
        foreach (var question in document.Questions)
        {
            foreach (var declared in question.ExerciseDeclarations.Take(1).Where(d => !d.IsNone && ExerciseCatalog.Find(d.Name) is null))
            {
                yield return new DocumentWarning(declared.Line, declared.Name.Length == 0
                    ? ImportMessages.ExerciseUnnamed.With(question.Number, question.Title, Known)
                    : ImportMessages.ExerciseUnknown.With(question.Number, question.Title, Shortened(declared.Name), Known));
            }

            foreach (var extra in question.ExerciseDeclarations.Skip(1))
            {
                yield return new DocumentWarning(extra.Line, ImportMessages.ExerciseTwice.With(question.Number, question.Title));
            }
        }
    }

    private static string Known => string.Join(", ", ExerciseCatalog.All.Select(e => e.Id).Append(ExerciseDeclaration.None));

    private static string Shortened(string name) => name.Length <= MaxIdLength ? name : $"{name[..MaxIdLength]}…";
}

/// <summary>A question's exercise (null: none) and who chose it.</summary>
public sealed record ExerciseAssignment(string? ExerciseId, ExerciseSource Source);

/// <summary>What an import gives one question: shown in the preview.</summary>
public sealed record QuestionExercise(string Slug, string Number, string Title, string? ExerciseId, ExerciseSource Source);
