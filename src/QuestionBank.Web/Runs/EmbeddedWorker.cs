using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Runs;

/// <summary>
/// The embedded default's sandbox worker: QuestionBank.Sandbox as a child process, started with the app,
/// restarted with back-off when it dies, stopped with it (and, should the app die first, by the end of
/// its standard input). The web process loads none of it, no TorchSharp, libtorch or Roslyn: the child
/// takes runs from the bank's database like any standalone worker, with this app's sandbox settings.
/// </summary>
public sealed partial class EmbeddedWorker(
    IConfiguration configuration, IHostEnvironment environment, RunMetrics metrics, ILoggerFactory loggerFactory)
    : BackgroundService
{
    // The worker's exit code when it refuses to run without limits (cgroups): restarting would not help.
    private const int RefusedExitCode = 3;
    private const int MaxLoggedLineLength = 4000;
    private const int KeptErrorLines = 10;
    private const string SandboxSection = "QuestionBank:Sandbox";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SteadyRun = TimeSpan.FromMinutes(1);

    private readonly Queue<string> errorTail = new();
    private readonly ILogger logger = loggerFactory.CreateLogger<EmbeddedWorker>();
    // The worker's own categories (a handful: its services and EF Core's).
    private readonly ConcurrentDictionary<string, ILogger> loggers = new();

    /// <summary>The worker's sandbox as it last reported it; null until it reports (a ready home says nothing).</summary>
    public SandboxState? State { get; private set; }

    /// <summary>Why the worker cannot run, when <see cref="State"/> is <see cref="SandboxState.Failed"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>The worker's output folder, built beside the app's (see the web project's reference to it).</summary>
    public static string WorkerAssembly { get; } = Path.Combine(
        typeof(EmbeddedWorker).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(attribute => attribute.Key == "WorkerDirectory").Value!,
        "QuestionBank.Sandbox.dll");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            int exitCode;
            try
            {
                exitCode = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException)
            {
                Fail($"The sandbox worker could not be started ({WorkerAssembly}): {exception.Message}");
                return;
            }
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (exitCode == RefusedExitCode)
            {
                Fail(ErrorTail());
                return;
            }
            retry = started.Elapsed > SteadyRun ? FirstRetry : retry;
            logger.LogWarning("The sandbox worker exited with code {ExitCode}; starting it again in {Delay}", exitCode, retry);
            await Task.Delay(retry, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!File.Exists(WorkerAssembly))
        {
            throw new InvalidOperationException("the worker is not built: dotnet build src/QuestionBank.Sandbox");
        }
        using var process = Process.Start(StartInfo())!;
        logger.LogInformation("Started the sandbox worker (process {ProcessId})", process.Id);
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Closing its input asks the worker to stop: it cancels its runs and releases their leases.
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        return process.ExitCode;
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Where the app looks for scripts/prepare-sandbox.sh and content/, the worker looks too.
            WorkingDirectory = environment.ContentRootPath,
        };
        start.ArgumentList.Add(WorkerAssembly);
        foreach (var (key, value) in configuration.GetSection(SandboxSection).AsEnumerable().Concat(configuration.GetSection("Logging").AsEnumerable()))
        {
            if (value is not null)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }
        start.Environment["ConnectionStrings__QuestionBank"] = configuration.GetConnectionString("QuestionBank");
        start.Environment["DOTNET_ENVIRONMENT"] = environment.EnvironmentName;
        start.Environment["QuestionBank__Sandbox__Supervised"] = "true";
        // One line per message, so that each becomes one message of this app's log.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        return start;
    }

    /// <summary>The dotnet host this app runs on when it was started by one, else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        switch (SupervisedWorkerLine.Parse(line))
        {
            case SupervisedWorkerLine.State state:
                State = state.Value;
                Problem = state.Problem;
                break;
            case SupervisedWorkerLine.Started started:
                metrics.Started(started.Exercise, TimeSpan.FromSeconds(started.WaitedSeconds));
                break;
            case SupervisedWorkerLine.Completed completed:
                metrics.Completed(completed.Exercise, completed.Status, completed.Seconds);
                break;
            default:
                Log(line);
                break;
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (errorTail)
        {
            errorTail.Enqueue(Capped(line));
            if (errorTail.Count > KeptErrorLines)
            {
                errorTail.Dequeue();
            }
        }
        logger.LogWarning("{Line}", Capped(line));
    }

    /// <summary>A worker log line ("info: Category[0] message") as a message of this app's log, in its own category and at its own level.</summary>
    private void Log(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }
        var match = LogLine().Match(line);
        if (!match.Success)
        {
            logger.LogInformation("{Line}", Capped(line));
            return;
        }
        var level = match.Groups["level"].Value switch
        {
            "trce" => LogLevel.Trace,
            "dbug" => LogLevel.Debug,
            "warn" => LogLevel.Warning,
            "fail" => LogLevel.Error,
            "crit" => LogLevel.Critical,
            _ => LogLevel.Information,
        };
        loggers.GetOrAdd(match.Groups["category"].Value, loggerFactory.CreateLogger).Log(level, "{Message}", Capped(match.Groups["message"].Value));
    }

    [GeneratedRegex(@"^(?<level>trce|dbug|info|warn|fail|crit): (?<category>[\w.]{1,200})\[\d+\] (?<message>.*)$")]
    private static partial Regex LogLine();

    private string ErrorTail()
    {
        lock (errorTail)
        {
            return string.Join(' ', errorTail);
        }
    }

    private void Fail(string problem)
    {
        State = SandboxState.Failed;
        Problem = problem[..Math.Min(problem.Length, SupervisedWorkerLine.MaxTextLength)];
        logger.LogError("{Problem}", Problem);
    }

    private static string Capped(string line) => line.Length <= MaxLoggedLineLength ? line : line[..MaxLoggedLineLength] + "…";
}
