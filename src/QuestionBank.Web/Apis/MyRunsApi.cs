using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Apis;

/// <summary>The signed-in learner's own runs ("my runs") and best result per exercise. Anonymous callers get 401.</summary>
public static class MyRunsApi
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapMyRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapLearnerGroup("/api/me/runs", "Me");
        api.MapGet("/", GetMyRuns);
        return api;
    }

    public static async Task<Ok<MyRuns>> GetMyRuns(
        [AsParameters] MyRunsQuery query, ClaimsPrincipal user, RunQueries runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(user.LearnerId(), query, runs, cancellationToken));

    /// <summary>The learner's runs (of one exercise, or all) newest first, and their best judged run of each exercise by its first goal's metric.</summary>
    public static async Task<MyRuns> LoadAsync(long accountId, MyRunsQuery query, RunQueries runs, CancellationToken cancellationToken)
    {
        var items = await runs.ForAccountAsync(accountId, query.Exercise, query.Limit, cancellationToken);
        var best = new List<ExerciseBest>();
        foreach (var exercise in ExerciseCatalog.All.Where(e => query.Exercise is null || e.Id == query.Exercise))
        {
            var goal = exercise.Goals[0];
            if (await runs.BestForAccountAsync(accountId, exercise.Id, goal.Metric, goal.LowerIsBetter, cancellationToken) is { } run)
            {
                best.Add(new ExerciseBest(exercise.Id, exercise.Text.Title, goal.Metric, goal.LowerIsBetter, run));
            }
        }
        return new MyRuns(items, best);
    }
}

/// <summary>The query of <c>GET /api/me/runs</c>: one exercise's runs, or all.</summary>
public sealed record MyRunsQuery([property: StringLength(32)] string? Exercise = null, [property: Range(1, MyRunsApi.MaxLimit)] int Limit = 50);

public sealed record MyRuns(IReadOnlyList<RunSummary> Items, IReadOnlyList<ExerciseBest> Best);

/// <summary>A learner's best run of an exercise; the title is in the request's language.</summary>
public sealed record ExerciseBest(string Exercise, string Title, string Metric, bool LowerIsBetter, RunSummary Run);
