using Microsoft.AspNetCore.Http.HttpResults;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Apis;

public static class ExercisesApi
{
    public static RouteGroupBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises").WithTags("Exercises");
        api.MapGet("/", ListExercises);
        api.MapGet("/{id}", GetExercise);
        return api;
    }

    public static Ok<List<ExerciseSummary>> ListExercises() =>
        TypedResults.Ok(ExerciseCatalog.All.Select(exercise => new ExerciseSummary(exercise.Id, exercise.Text.Title)).ToList());

    public static async Task<Results<Ok<ExerciseDetail>, NotFound>> GetExercise(
        string id, RunQueries runs, CancellationToken cancellationToken)
    {
        var exercise = ExerciseCatalog.Find(id);
        if (exercise is null)
        {
            return TypedResults.NotFound();
        }
        // cpu is always offered: a cpu run waits in the queue until a worker comes online.
        var devices = (await runs.OnlineDevicesAsync(cancellationToken)).Append(ComputeDevices.Cpu).Distinct().Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ExerciseDetail(
            exercise.Id, exercise.Text.Title, exercise.Text.Summary, exercise.Starter, exercise.Solution,
            new ExerciseParameterSpec(exercise.Defaults, exercise.Limits), exercise.Goals, devices,
            exercise.Languages, exercise.Languages.ToDictionary(language => language, exercise.Code)));
    }
}

/// <summary>An exercise in the list; its title is in the request's language (English or Chinese), like the pages'.</summary>
public sealed record ExerciseSummary(string Id, string Title);

public sealed record ExerciseParameterSpec(ExerciseParameters Defaults, ParameterLimits Limits);

/// <summary>
/// One exercise; its title and summary are in the request's language (English or Chinese), like the pages'.
/// <see cref="Starter"/> and <see cref="Solution"/> are the C# ones; <see cref="Sources"/> has both per language it can be written in.
/// </summary>
public sealed record ExerciseDetail(
    string Id, string Title, string Summary, string Starter, string Solution,
    ExerciseParameterSpec Params, IReadOnlyList<MetricGoal> Goals, IReadOnlyList<string> Devices,
    IReadOnlyList<string> Languages, IReadOnlyDictionary<string, ExerciseCode> Sources);
