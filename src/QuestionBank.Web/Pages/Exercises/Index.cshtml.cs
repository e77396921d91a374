using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Queries;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Pages.Exercises;

/// <summary>The exercise catalogue: every exercise with its goals, the questions it belongs to and its best judged runs.</summary>
public sealed class IndexModel(QuestionQueries questions, RunQueries runs) : PageModel
{
    private const int BestRunsShown = RunRetention.BestRunsPerExercise;

    public IReadOnlyList<ExerciseEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var byExercise = await questions.QuestionsByExerciseAsync(cancellationToken);
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
