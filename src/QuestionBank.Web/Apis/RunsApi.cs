using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Localization;
using QuestionBank.Web.Runs;

namespace QuestionBank.Web.Apis;

public static class RunsApi
{
    private static readonly TimeSpan StreamPoll = TimeSpan.FromSeconds(2);

    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/runs").WithTags("Runs");
        api.MapPost("/", SubmitRun).RequireRateLimiting(RunsExtensions.SubmitPolicy);
        // A learner's run is theirs alone: the filter answers anyone else before the endpoint runs.
        var run = api.MapGroup("/{id:guid}").AddEndpointFilter(RunAccess.FilterAsync);
        run.MapGet("", GetRun);
        run.MapGet("/events", StreamEvents);
        run.MapGet("/images/{name}", GetImage);
        run.MapPost("/cancel", CancelRun);
        return api;
    }

    public static async Task<Results<Accepted<RunCreated>, ProblemHttpResult>> SubmitRun(
        RunSubmission submission, HttpContext context, RunQueue queue, RunQueries runs, RunMetrics metrics,
        IOptions<RunsOptions> options, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var exercise = ExerciseCatalog.Find(submission.Exercise!)!;
        var parameters = submission.ParametersOf(exercise);

        var client = ClientKeys.GetOrCreate(context);
        if (await runs.ActiveCountAsync(client, cancellationToken) >= limits.MaxActivePerClient)
        {
            return TypedResults.Problem(
                text["You already have {0} runs queued or running; wait for one to finish or cancel it.", limits.MaxActivePerClient],
                statusCode: StatusCodes.Status429TooManyRequests, title: text["Too many runs"]);
        }
        // A signed-in learner's run is theirs: private, in their list, and counted as a review when its goals are met.
        var language = submission.LanguageOrDefault;
        var id = await queue.EnqueueAsync(new NewRun(submission.QuestionSlug, exercise.Id, submission.Source ?? exercise.Code(language).Starter, submission.Device ?? ComputeDevices.Cpu,
            parameters.Epochs, parameters.LearningRate, parameters.BatchSize, parameters.Seed, client, AccountService.AccountId(context.User), language), cancellationToken);
        metrics.Submitted(exercise.Id);
        return TypedResults.Accepted($"/api/runs/{id}", new RunCreated(id));
    }

    public static async Task<Results<Ok<RunDetail>, NotFound>> GetRun(
        Guid id, RunQueries runs, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(id, cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(await DescribeAsync(run, runs, text, cancellationToken));
    }

    /// <summary>
    /// The run's events as server-sent events: what happened so far (after Last-Event-ID), then
    /// each new one as it is stored, and the queue position while it waits; ends with the run.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<RunStreamEvent>, NotFound>> StreamEvents(
        Guid id, HttpContext context, RunQueries runs, RunEventHub hub, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        _ = long.TryParse(context.Request.Headers["Last-Event-ID"], out var after);
        return TypedResults.ServerSentEvents(Stream(id, after, runs, hub, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<RunStreamEvent>> Stream(
        Guid id, long after, RunQueries runs, RunEventHub hub, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = hub.Watch(id);
        RunStreamEvent? lastQueue = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ended = false;
            foreach (var stored in await runs.GetEventsAsync(id, after, cancellationToken))
            {
                after = stored.Id;
                ended |= stored.Status is { } status && RunStatus.IsFinal(status);
                yield return new SseItem<RunStreamEvent>(
                    new RunStreamEvent(stored.Step, stored.Metrics, stored.Status, null, null, stored.CreatedAt), stored.Kind)
                {
                    EventId = stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }
            var run = await runs.GetAsync(id, cancellationToken);
            if (ended || run is null || RunStatus.IsFinal(run.Status))
            {
                yield break;
            }
            if (run.Status == RunStatus.Queued)
            {
                var queue = new RunStreamEvent(null, null, run.Status,
                    await runs.QueuePositionAsync(run, cancellationToken),
                    await runs.OnlineWorkersAsync(run.Device, cancellationToken), DateTimeOffset.UtcNow);
                if (queue.QueuePosition != lastQueue?.QueuePosition || queue.WorkersOnline != lastQueue?.WorkersOnline)
                {
                    lastQueue = queue;
                    yield return new SseItem<RunStreamEvent>(queue, "queue");
                }
            }
            await subscription.WaitAsync(StreamPoll, cancellationToken);
        }
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> GetImage(
        Guid id, string name, RunQueries runs, CancellationToken cancellationToken)
    {
        var png = await runs.GetImageAsync(id, name, cancellationToken);
        return png is null ? TypedResults.NotFound() : TypedResults.File(png, "image/png");
    }

    public static async Task<Results<Accepted, NotFound, Conflict<ProblemDetails>>> CancelRun(
        Guid id, RunQueue queue, RunQueries runs, CancellationToken cancellationToken)
    {
        if (await queue.RequestCancelAsync(id, cancellationToken))
        {
            return TypedResults.Accepted($"/api/runs/{id}");
        }
        return await runs.GetAsync(id, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Conflict(new ProblemDetails { Title = "The run has already ended.", Status = StatusCodes.Status409Conflict });
    }

    /// <summary>The run as the API and its page show it; its message in the request's language (<paramref name="text"/>).</summary>
    internal static async Task<RunDetail> DescribeAsync(ExerciseRun run, RunQueries runs, IStringLocalizer text, CancellationToken cancellationToken)
    {
        var exercise = ExerciseCatalog.Find(run.Exercise);
        var images = await runs.GetImageNamesAsync(run.Id, cancellationToken);
        return new RunDetail(
            run.Id, run.Exercise, run.QuestionSlug, run.Status, run.Language, run.Device,
            new ExerciseParameters(run.Epochs, run.LearningRate, run.BatchSize, run.Seed),
            run.Metrics, run.GoalsMet, exercise?.Goals ?? [],
            [.. images.Select(name => new RunImageLink(name, $"/api/runs/{run.Id}/images/{Uri.EscapeDataString(name)}"))],
            run.Explanation is { } explanation
                ? new RunDiagnosticsDto(text.Show(explanation), explanation.Key, explanation.Arguments, run.CompileErrors)
                : new RunDiagnosticsDto(null, null, [], run.CompileErrors),
            run.Output ?? "",
            await runs.QueuePositionAsync(run, cancellationToken),
            await runs.OnlineWorkersAsync(run.Device, cancellationToken),
            new RunTimings(run.CreatedAt, run.StartedAt, run.FinishedAt, run.WallSeconds),
            run.Source);
    }

}

/// <summary>
/// The body of <c>POST /api/runs</c>. Its rules depend on the exercise it names (the parameters'
/// ranges) and on configuration (the source's size), so it checks itself; AddValidation answers a
/// bad one with 400 and every error by field.
/// </summary>
public sealed record RunSubmission(
    string? QuestionSlug,
    string? Exercise,
    string? Source,
    string? Device,
    RunParameters? Params,
    string? Language = null) : IValidatableObject
{
    /// <summary>The source's language: csharp unless the submission names another.</summary>
    public string LanguageOrDefault => Language ?? ExerciseLanguages.CSharp;

    /// <summary>The parameters to run with: the submitted ones, else the exercise's defaults.</summary>
    public ExerciseParameters ParametersOf(ExerciseDescription exercise) => new(
        Params?.Epochs ?? exercise.Defaults.Epochs,
        Params?.LearningRate ?? exercise.Defaults.LearningRate,
        Params?.BatchSize ?? exercise.Defaults.BatchSize,
        Params?.Seed ?? exercise.Defaults.Seed);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The exercise panel shows these to the learner: in the request's language.
        var text = validationContext.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (ExerciseCatalog.Find(Exercise ?? "") is not { } exercise)
        {
            yield return new ValidationResult(text["Choose one of {0}.", string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))], ["exercise"]);
            yield break;
        }
        // Checked here rather than by attributes: a failed attribute skips this method, and a
        // client should hear about every bad field at once.
        if (QuestionSlug is { Length: > ParsedQuestion.MaxSlugLength })
        {
            yield return new ValidationResult(text["The question slug is too long."], ["questionSlug"]);
        }
        if (Device is not null && !ComputeDevices.All.Contains(Device))
        {
            yield return new ValidationResult(text["The device must be one of {0}.", string.Join(", ", ComputeDevices.All)], ["device"]);
        }
        if (!ExerciseLanguages.All.Contains(LanguageOrDefault))
        {
            yield return new ValidationResult(text["The language must be one of {0}.", string.Join(", ", ExerciseLanguages.All)], ["language"]);
            yield break;
        }
        if (!exercise.Languages.Contains(LanguageOrDefault))
        {
            yield return new ValidationResult(text["This exercise can be written in {0} only.", string.Join(", ", exercise.Languages)], ["language"]);
            yield break;
        }
        // Debian's PyTorch is a CPU build: cuda runs are C# (TorchSharp) runs.
        if (LanguageOrDefault == ExerciseLanguages.Python && Device is not null and not ComputeDevices.Cpu)
        {
            yield return new ValidationResult(text["Python runs use the cpu device."], ["device"]);
        }
        var maxSourceBytes = validationContext.GetRequiredService<IOptions<RunsOptions>>().Value.MaxSourceBytes;
        if (Encoding.UTF8.GetByteCount(Source ?? exercise.Code(LanguageOrDefault).Starter) > maxSourceBytes)
        {
            yield return new ValidationResult(text["The source is limited to {0} KB.", maxSourceBytes / 1024], ["source"]);
        }
        foreach (var (name, problem) in exercise.Limits.Validate(ParametersOf(exercise)))
        {
            yield return new ValidationResult(text.Show(problem), [$"params.{name}"]);
        }
    }
}

public sealed record RunParameters(int? Epochs, double? LearningRate, int? BatchSize, int? Seed);

public sealed record RunCreated(Guid Id);

public sealed record RunImageLink(string Name, string Url);

/// <summary>
/// Why a run ended as it did: <see cref="Message"/> in the request's language, and its <see cref="MessageKey"/>
/// (a RunMessages key; null for the runner's own words and older runs) and arguments, for clients that show it in another.
/// </summary>
public sealed record RunDiagnosticsDto(string? Message, string? MessageKey, IReadOnlyList<string> MessageArguments, IReadOnlyList<CompileError> CompileErrors);

public sealed record RunTimings(DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? WallSeconds);

public sealed record RunDetail(
    Guid Id, string Exercise, string? QuestionSlug, string Status, string Language, string Device, ExerciseParameters Params,
    IReadOnlyDictionary<string, double> Metrics, bool GoalsMet, IReadOnlyList<MetricGoal> Goals,
    IReadOnlyList<RunImageLink> Images, RunDiagnosticsDto Diagnostics, string Output,
    int? QueuePosition, int WorkersOnline, RunTimings Timings, string Source);

/// <summary>One server-sent event: a progress step (step, metrics), a status, or the queue while waiting.</summary>
public sealed record RunStreamEvent(
    int? Step, IReadOnlyDictionary<string, double>? Metrics, string? Status, int? QueuePosition, int? WorkersOnline, DateTimeOffset At);
