using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Queries;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;

namespace QuestionBank.Web.Pages.Exercises;

/// <summary>The exercise catalogue: every exercise with its goals, the questions it belongs to and its best judged runs.</summary>
public sealed class IndexModel(QuestionQueries questions, RunQueries runs) : PageModel
{
    private const int BestRunsShown = 5;

    public IReadOnlyList<ExerciseEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var coding = await questions.CodingQuestionsTitledAsync(ExerciseCatalog.QuestionKeywords, cancellationToken);
        // The same rule as the question page: the title's keywords, the more specific exercise first.
        var byExercise = coding.ToLookup(question => ExerciseCatalog.ForQuestionTitle(question.Title)?.Id);
        var entries = new List<ExerciseEntry>();
        foreach (var exercise in ExerciseCatalog.All)
        {
            var goal = exercise.Goals[0];
            var best = await runs.BestForExerciseAsync(exercise.Id, goal.Metric, goal.LowerIsBetter, BestRunsShown, cancellationToken);
            entries.Add(new ExerciseEntry(exercise, [.. byExercise[exercise.Id]], best));
        }
        Entries = entries;
    }

    public sealed record ExerciseEntry(ExerciseDescription Exercise, IReadOnlyList<QuestionLink> Questions, IReadOnlyList<RunSummary> BestRuns);
}
