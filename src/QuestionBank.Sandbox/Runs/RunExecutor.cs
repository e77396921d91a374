using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Gan;
using QuestionBank.Sandbox.Runner.Compilation;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>Executes one run: compiles the source, runs it in the jail, and turns how it ended into a <see cref="RunResult"/>.</summary>
public sealed class RunExecutor(
    SolutionCompiler compiler, SandboxJail jail, IOptions<SandboxOptions> options, ILogger<RunExecutor> logger)
{
    private static readonly SemaphoreSlim JudgeTraining = new(1, 1);
    private readonly SandboxOptions settings = options.Value;

    public async Task<RunResult> ExecuteAsync(RunRequest request, IRunObserver? observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var exercise = ExerciseCatalog.Find(request.Exercise);
        if (exercise is null)
        {
            return Ended(RunStatus.Failed, $"There is no exercise '{request.Exercise}'.", clock);
        }
        var problems = exercise.Limits.Validate(request.Parameters);
        if (problems.Count > 0)
        {
            return Ended(RunStatus.Failed, string.Join(" ", problems.Values), clock);
        }
        if (!settings.Devices.Contains(request.Device))
        {
            return Ended(RunStatus.Failed,
                $"This worker offers {string.Join(", ", settings.Devices)}, not {request.Device}.", clock);
        }

        var compiled = compiler.Compile(request.Source);
        if (!compiled.Succeeded)
        {
            return new RunResult(RunStatus.CompileError, new Dictionary<string, double>(), false, [],
                new RunDiagnostics("The code does not compile.", compiled.Errors), "", clock.Elapsed.TotalSeconds);
        }

        var files = await LoadDataFilesAsync(exercise, cancellationToken);
        var images = new List<RunImage>();
        RunnerMessage? result = null;
        var job = NewJob(RunnerMode.Exercise, exercise.Id, request.Device, request.Parameters);
        var outcome = await jail.RunAsync(job, compiled.Assembly, files, message =>
        {
            switch (message.Type)
            {
                case RunnerMessage.Started:
                    observer?.Started();
                    break;
                case RunnerMessage.Progress:
                    observer?.Progress(message.Step ?? 0, message.Metrics ?? new Dictionary<string, double>());
                    break;
                case RunnerMessage.Image when message is { Name: not null, Data: not null }:
                    images.Add(new RunImage(message.Name, Convert.FromBase64String(message.Data)));
                    break;
                case RunnerMessage.Result:
                    result = message;
                    break;
            }
        }, cancellationToken);
        return Classify(exercise, outcome, result, images, clock);
    }

    private RunResult Classify(Exercise exercise, JailOutcome outcome, RunnerMessage? result, List<RunImage> images, Stopwatch clock)
    {
        var (status, message) = outcome switch
        {
            { Cancelled: true } => (RunStatus.Cancelled, $"Cancelled after {outcome.Wall.TotalSeconds:0.#} s."),
            { TimedOut: true } => (RunStatus.Timeout, $"The run went over its wall-clock limit of {settings.TimeoutSeconds} s."),
            { CpuLimitExceeded: true } => (RunStatus.Timeout, $"The run went over its CPU-time limit of {settings.EffectiveCpuSeconds} s."),
            { OutOfMemory: true } => (RunStatus.MemoryLimit, $"The run went over its memory limit of {settings.MemoryMb} MB and was killed."),
            _ when result?.Status is { } reported => (reported, reported == RunStatus.MemoryLimit
                ? $"The run went over its memory limit of {settings.MemoryMb} MB: {result.Diagnostics}"
                : result.Diagnostics),
            _ => (RunStatus.Failed, $"The sandbox process exited with code {outcome.ExitCode} without a result. {Tail(outcome.Errors)}".Trim()),
        };
        if (status == RunStatus.Failed && result is null)
        {
            logger.LogWarning("Sandbox process exited with {ExitCode}: {Errors}", outcome.ExitCode, Tail(outcome.Errors));
        }
        var metrics = status == RunStatus.Succeeded && result?.Metrics is { } reportedMetrics
            ? reportedMetrics
            : new Dictionary<string, double>();
        return new RunResult(status, metrics, exercise.MeetsGoals(metrics), images,
            message is null ? RunDiagnostics.None : RunDiagnostics.Because(message), outcome.Output, clock.Elapsed.TotalSeconds);
    }

    private async Task<Dictionary<string, byte[]>> LoadDataFilesAsync(Exercise exercise, CancellationToken cancellationToken)
    {
        if (exercise.DataFiles.Contains(JudgeClassifier.FileName))
        {
            await EnsureJudgeClassifierAsync(cancellationToken);
        }
        var files = new Dictionary<string, byte[]>();
        foreach (var name in exercise.DataFiles)
        {
            var path = Path.Combine(settings.DataDirectory, name);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The sandbox data file {path} is missing; run scripts/prepare-sandbox.sh.");
            }
            files[name] = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        return files;
    }

    /// <summary>
    /// Trains the GAN judge's classifier once per data directory, in the jail, with trusted code
    /// only, and keeps its weights beside the digits.
    /// </summary>
    private async Task EnsureJudgeClassifierAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(settings.DataDirectory, JudgeClassifier.FileName);
        await JudgeTraining.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(path))
            {
                return;
            }
            logger.LogInformation("Training the GAN judge's digit classifier into {Path}", path);
            var digits = await File.ReadAllBytesAsync(Path.Combine(settings.DataDirectory, MnistDigits.FileName), cancellationToken);
            RunnerMessage? artifact = null;
            RunnerMessage? failure = null;
            var job = NewJob(RunnerMode.TrainJudge, "gan", "cpu", new ExerciseParameters(1, 0.001, 64, 0));
            var outcome = await jail.RunAsync(job, null, new Dictionary<string, byte[]> { [MnistDigits.FileName] = digits },
                message =>
                {
                    if (message.Type == RunnerMessage.Artifact)
                    {
                        artifact = message;
                    }
                    else if (message.Type == RunnerMessage.Result)
                    {
                        failure = message;
                    }
                }, cancellationToken);
            if (artifact?.Data is null)
            {
                throw new InvalidOperationException(
                    $"Training the GAN judge failed: {failure?.Diagnostics ?? $"exit code {outcome.ExitCode}. {Tail(outcome.Errors)}"}");
            }
            logger.LogInformation("GAN judge classifier trained: held-out accuracy {Accuracy}", artifact.Metrics?["test_accuracy"]);
            var partial = path + ".partial";
            await File.WriteAllBytesAsync(partial, Convert.FromBase64String(artifact.Data), cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            JudgeTraining.Release();
        }
    }

    private RunnerJob NewJob(RunnerMode mode, string exercise, string device, ExerciseParameters parameters) => new(
        Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), mode, exercise, device,
        parameters.Epochs, parameters.LearningRate, parameters.BatchSize, parameters.Seed,
        settings.OutputLimitKb * 1024, []);

    private static RunResult Ended(string status, string message, Stopwatch clock) =>
        new(status, new Dictionary<string, double>(), false, [], RunDiagnostics.Because(message), "", clock.Elapsed.TotalSeconds);

    private static string Tail(string errors) => errors.Length <= 2000 ? errors.Trim() : "…" + errors[^2000..].Trim();
}
