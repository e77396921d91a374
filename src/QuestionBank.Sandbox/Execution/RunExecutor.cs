using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Jail;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// Executes one run: the runner compiles and runs the source in the jail, the exercise's judge asks
/// the submitted model its questions from here, and how it all ended becomes a <see cref="RunResult"/>.
/// The held-out data and the metrics never enter the jail; nothing the jail says can make a run succeed.
/// </summary>
public sealed class RunExecutor(
    SandboxJail jail, TrustedJobs trusted, TrustedDigitClassifier digits, TrustedDigitNetScorer networks, IOptions<SandboxOptions> options, ILogger<RunExecutor> logger)
{
    private readonly SandboxOptions settings = options.Value;

    public async Task<RunResult> ExecuteAsync(RunRequest request, IRunObserver? observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var exercise = ExerciseRegistry.Find(request.Exercise);
        if (exercise is null)
        {
            return Ended(RunStatus.Failed, RunMessages.NoSuchExercise.With(request.Exercise), clock);
        }
        var problems = exercise.Description.Limits.Validate(request.Parameters);
        if (problems.Count > 0)
        {
            // The API refuses these before they are queued: the first problem is enough to explain a run that slipped through.
            return Ended(RunStatus.Failed, problems.Values.First(), clock);
        }
        if (!exercise.Description.Languages.Contains(request.Language))
        {
            return Ended(RunStatus.Failed, RunMessages.NoSuchLanguage.With(exercise.Id, request.Language, string.Join(", ", exercise.Description.Languages)), clock);
        }
        if (request.Language == ExerciseLanguages.Python && (request.Device != ComputeDevices.Cpu || !settings.Devices.Contains(ComputeDevices.Cpu)))
        {
            return Ended(RunStatus.Failed, RunMessages.PythonOnCpuOnly.With(request.Device, string.Join(", ", settings.Devices)), clock);
        }
        if (!settings.Devices.Contains(request.Device))
        {
            return Ended(RunStatus.Failed, RunMessages.WrongDevice.With(string.Join(", ", settings.Devices), request.Device), clock);
        }

        var judge = exercise.CreateJudge(await LoadDataFilesAsync(exercise, cancellationToken));
        var job = new RunnerHeader(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), RunnerMode.Run, exercise.Id, request.Device,
            request.Parameters.Epochs, request.Parameters.LearningRate, request.Parameters.BatchSize, request.Parameters.Seed,
            settings.OutputLimitKb * 1024, [], request.Language);
        await using var session = await jail.StartAsync(job, request.Source, judge.TrainingFiles, cancellationToken);
        var model = new JailedModel(session, observer);

        using var pumped = new CancellationTokenSource();
        var compileLimit = WatchCompileTimeAsync(session, model, pumped.Token);

        Task<Verdict>? judging = null;
        await model.PumpAsync(() => judging = JudgeAsync(judge, model, session, cancellationToken));
        await pumped.CancelAsync();
        var compileEnd = await compileLimit;
        var verdict = judging is null ? null : await judging;
        var outcome = await session.Completion;
        return Classify(exercise, outcome, model, compileEnd, verdict, clock);
    }

    /// <summary>How the compile limit ended compiling, if it did.</summary>
    private enum CompileEnd { InTime, TimedOut, ServerBusy }

    /// <summary>
    /// Kills the jail when compiling has taken <see cref="SandboxOptions.CompileTimeoutSeconds"/> of
    /// the run's own time (as <see cref="SandboxOptions.TimeoutSeconds"/> counts it, so that a busy
    /// host does not fail a compile), or <see cref="SandboxOptions.BusyWallMultiple"/> times that on the wall clock.
    /// </summary>
    private async Task<CompileEnd> WatchCompileTimeAsync(JailSession session, JailedModel model, CancellationToken pumped)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(0.5));
        try
        {
            while (model.CompileErrors is null && await timer.WaitForNextTickAsync(pumped))
            {
                var end = model.CompileErrors is not null ? CompileEnd.InTime
                    : session.OwnSeconds >= settings.CompileTimeoutSeconds ? CompileEnd.TimedOut
                    : clock.Elapsed.TotalSeconds >= settings.CompileTimeoutSeconds * settings.BusyWallMultiple ? CompileEnd.ServerBusy
                    : CompileEnd.InTime;
                if (end != CompileEnd.InTime)
                {
                    session.Kill();
                    return end;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The runner's output ended first.
        }
        return CompileEnd.InTime;
    }

    /// <summary>The judge's verdict, or the reason the model could not be judged.</summary>
    private sealed record Verdict(JudgeVerdict? Result, RunMessage? Problem);

    private async Task<Verdict> JudgeAsync(ExerciseJudge judge, JailedModel model, JailSession session, CancellationToken cancellationToken)
    {
        try
        {
            return new Verdict(await judge.JudgeAsync(new JudgeTools(model, digits, networks), cancellationToken), null);
        }
        catch (JudgeException exception)
        {
            return new Verdict(null, exception.Why);
        }
        catch (OperationCanceledException)
        {
            return new Verdict(null, null);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The judge failed");
            return new Verdict(null, RunMessages.JudgeFailed.With(exception.Message));
        }
        finally
        {
            // The judge has what it needs (or gave up): nothing the process does from here on counts.
            session.Kill();
        }
    }

    /// <summary>
    /// The run's status from the worker's own observations: the compiler's report (sent before
    /// any user code ran), the judge's verdict, the cgroup's memory events, the exit code and the
    /// worker's timers. The runner's failure message can only say why a run failed, in capped text;
    /// its out-of-memory claim counts only when the cgroup saw the memory limit reached.
    /// </summary>
    private RunResult Classify(Exercise exercise, JailOutcome outcome, JailedModel model, CompileEnd compileEnd, Verdict? verdict, Stopwatch clock)
    {
        var metrics = verdict?.Result?.Metrics ?? new Dictionary<string, double>();
        var goalsMet = verdict?.Result is not null && exercise.Description.MeetsGoals(metrics);
        var (status, message) = outcome switch
        {
            { Cancelled: true } => (RunStatus.Cancelled, RunMessages.Cancelled.With(Seconds(outcome.Wall.TotalSeconds))),
            { OutputBudgetExceeded: true } => (RunStatus.Failed, RunMessages.OutputTooCostly.With(Seconds(settings.WorkerCpuSeconds))),
            _ when model.CompileErrors is null => NotCompiled(outcome, compileEnd, model.Failure),
            _ when model.CompileErrors.Count > 0 => (RunStatus.CompileError, RunMessages.DoesNotCompile.With()),
            _ when verdict?.Result is not null => goalsMet
                ? (RunStatus.Succeeded, null)
                : (RunStatus.Failed, RunMessages.GoalsMissed.With(string.Join(", ", exercise.Description.Goals))),
            { ServerBusy: true } => (RunStatus.ServerBusy, ServerBusyMessage(outcome)),
            { TimedOut: true } => (RunStatus.Timeout, TimeLimitMessage(RunMessages.TimedOut, RunMessages.TimedOutAfterWaiting, outcome)),
            { CpuLimitExceeded: true } => (RunStatus.Timeout, RunMessages.CpuLimit.With(settings.EffectiveCpuSeconds)),
            { OutOfMemory: true } => (RunStatus.MemoryLimit, RunMessages.MemoryLimit.With(settings.MemoryMb)),
            _ when verdict?.Problem is { } problem => (RunStatus.Failed, problem),
            _ when model.Failure is { } failure => failure.Status == RunStatus.MemoryLimit && outcome.MemoryLimitReached
                ? (RunStatus.MemoryLimit, RunMessages.MemoryLimitBecause.With(settings.MemoryMb, model.FailureMessage!.Text))
                : (RunStatus.Failed, model.FailureMessage),
            _ => (RunStatus.Failed, RunMessages.ExitedWithoutModel.With(outcome.ExitCode, Tail(outcome.Errors))),
        };
        if (status == RunStatus.Failed && verdict is null && model.Failure is null)
        {
            logger.LogWarning("Sandbox process exited with {ExitCode}: {Errors}", outcome.ExitCode, Tail(outcome.Errors));
        }
        // The judge's own images come first and keep their names.
        var judgeImages = verdict?.Result?.Images.Select(image => new RunImage(image.Name, image.Png)).ToList() ?? [];
        var images = judgeImages.Concat(model.Images.Where(image => judgeImages.All(own => own.Name != image.Name))).ToList();
        var diagnostics = status == RunStatus.CompileError && model.CompileErrors is { Count: > 0 } errors
            ? new RunDiagnostics(message, errors)
            : message is null ? RunDiagnostics.None : RunDiagnostics.Because(message);
        return RunFootprint.Cap(new RunResult(status, metrics, goalsMet, images, diagnostics, outcome.Output, clock.Elapsed.TotalSeconds));
    }

    private (string Status, RunMessage? Message) NotCompiled(JailOutcome outcome, CompileEnd compileEnd, RunnerMessage? failure) => outcome switch
    {
        _ when compileEnd == CompileEnd.TimedOut => (RunStatus.CompileError, RunMessages.CompileTimedOut.With(settings.CompileTimeoutSeconds)),
        _ when compileEnd == CompileEnd.ServerBusy => (RunStatus.ServerBusy,
            RunMessages.CompileServerBusy.With(settings.CompileTimeoutSeconds * settings.BusyWallMultiple, settings.CompileTimeoutSeconds)),
        _ when outcome.OutOfMemory || (failure?.Status == RunStatus.MemoryLimit && outcome.MemoryLimitReached) =>
            (RunStatus.MemoryLimit, RunMessages.CompileMemoryLimit.With(settings.MemoryMb)),
        { ServerBusy: true } => (RunStatus.ServerBusy, ServerBusyMessage(outcome)),
        { TimedOut: true } => (RunStatus.Timeout, TimeLimitMessage(RunMessages.CompileTimedOut, RunMessages.CompileTimedOutAfterWaiting, outcome)),
        { CpuLimitExceeded: true } => (RunStatus.Timeout, RunMessages.CompileCpuLimit.With(settings.EffectiveCpuSeconds)),
        _ => (RunStatus.Failed, failure is not null
            ? JailedModel.WordsOf(failure)
            : RunMessages.ExitedBeforeCompiled.With(outcome.ExitCode, Tail(outcome.Errors))),
    };

    private RunMessage TimeLimitMessage(RunMessageTemplate overLimit, RunMessageTemplate overLimitAfterWaiting, JailOutcome outcome) => outcome.WaitedSeconds >= 1
        ? overLimitAfterWaiting.With(settings.TimeoutSeconds, WholeSeconds(outcome.Wall.TotalSeconds), WholeSeconds(outcome.WaitedSeconds))
        : overLimit.With(settings.TimeoutSeconds);

    private RunMessage ServerBusyMessage(JailOutcome outcome) => RunMessages.ServerBusy.With(
        WholeSeconds(outcome.WaitedSeconds), WholeSeconds(outcome.Wall.TotalSeconds), settings.TimeoutSeconds * settings.BusyWallMultiple, settings.TimeoutSeconds);

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string WholeSeconds(double seconds) => seconds.ToString("0", CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, byte[]>> LoadDataFilesAsync(Exercise exercise, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var name in exercise.DataFiles)
        {
            if (TrustedJobs.TrainedOnFirstUse.TryGetValue(name, out var mode))
            {
                // Trained once, by trusted code, the first time an exercise needs it.
                files[name] = await trusted.EnsureTrainedAsync(name, mode, cancellationToken);
                continue;
            }
            var path = Path.Combine(settings.DataDirectory, name);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The sandbox data file {path} is missing; run scripts/prepare-sandbox.sh.");
            }
            files[name] = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        return files;
    }

    private static RunResult Ended(string status, RunMessage message, Stopwatch clock) =>
        new(status, new Dictionary<string, double>(), false, [], RunDiagnostics.Because(message), "", clock.Elapsed.TotalSeconds);

    private static string Tail(string errors) => errors.Length <= 2000 ? errors.Trim() : "…" + errors[^2000..].Trim();
}
