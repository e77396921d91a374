using System.Diagnostics;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Words;
using QuestionBank.Sandbox.Jail;

namespace QuestionBank.Sandbox.Preparation;

/// <summary>
/// Makes a worker's first start prepare its own sandbox home: when bubblewrap, the runtime root
/// (where the host needs one), the Python runtime root, the MNIST digits or the word lists are missing, it runs scripts/prepare-sandbox.sh
/// in the background, and the worker claims no run until it has finished. A host without the
/// script (a container image prepared at build time) or where it fails reports why, and runs then
/// fail with that reason.
/// </summary>
public sealed class SandboxPreparation(IOptions<SandboxOptions> options, IHostEnvironment environment, ILogger<SandboxPreparation> logger)
    : BackgroundService
{
    private const string ScriptPath = "scripts/prepare-sandbox.sh";
    private const int KeptOutputLines = 20;

    private readonly SandboxOptions settings = options.Value;
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SandboxState State { get; private set; } = SandboxState.Preparing;

    /// <summary>Why the sandbox could not be prepared, when <see cref="State"/> is <see cref="SandboxState.Failed"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>Completes when preparing has ended, whether or not it succeeded.</summary>
    public Task Finished => finished.Task;

    /// <summary>What is missing from this host's sandbox home; empty when it is ready.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!IsOnPath(settings.BubblewrapPath))
        {
            missing.Add("bubblewrap");
        }
        try
        {
            RuntimeRoot.Resolve(settings);
        }
        catch (InvalidOperationException)
        {
            missing.Add("the runtime root");
        }
        try
        {
            RuntimeRoot.ResolvePython(settings);
        }
        catch (InvalidOperationException)
        {
            missing.Add("the Python runtime root");
        }
        if (!File.Exists(Path.Combine(settings.DataDirectory, MnistFile.FileName)))
        {
            missing.Add("the MNIST digits");
        }
        if (!File.Exists(Path.Combine(settings.DataDirectory, WordList.FileName)))
        {
            missing.Add("the word lists");
        }
        return missing;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var missing = Missing();
            if (missing.Count == 0)
            {
                State = SandboxState.Ready;
                return;
            }
            var script = FindScript();
            if (script is null)
            {
                Fail($"The sandbox home {settings.Home} lacks {string.Join(", ", missing)}, and there is no {ScriptPath} here to prepare it.");
                return;
            }
            logger.LogInformation("Preparing the sandbox home {Home} ({Missing}) with {Script}", settings.Home, string.Join(", ", missing), script);
            var (exitCode, tail) = await RunScriptAsync(script, stoppingToken);
            var stillMissing = Missing();
            if (exitCode == 0 && stillMissing.Count == 0)
            {
                State = SandboxState.Ready;
                logger.LogInformation("The sandbox home {Home} is ready", settings.Home);
                return;
            }
            Fail($"Preparing the sandbox failed (exit code {exitCode}; still missing: {string.Join(", ", stillMissing)}). " +
                $"Run {script} as a user who may install packages (bubblewrap needs root). {tail}".Trim());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Fail("The worker stopped before the sandbox was prepared.");
        }
        catch (Exception exception) when (exception is IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            Fail($"Preparing the sandbox failed: {exception.Message}");
        }
        finally
        {
            finished.TrySetResult();
        }
    }

    private void Fail(string problem)
    {
        Problem = problem;
        State = SandboxState.Failed;
        logger.LogError("{Problem}", problem);
    }

    private async Task<(int ExitCode, string Tail)> RunScriptAsync(string script, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Without a terminal, sudo fails at once instead of waiting for a password.
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(script);
        start.Environment["QUESTIONBANK_SANDBOX_HOME"] = settings.Home;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            logger.LogInformation("prepare-sandbox: {Line}", line);
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > KeptOutputLines)
                {
                    tail.Dequeue();
                }
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (tail)
        {
            return (process.ExitCode, string.Join('\n', tail));
        }
    }

    /// <summary>The configured script, else the repository's, looked for upwards from the content root and the application folder.</summary>
    private string? FindScript() => settings.PrepareScript ??
        new[] { environment.ContentRootPath, AppContext.BaseDirectory }
            .SelectMany(Ancestors)
            .Select(directory => Path.Combine(directory, ScriptPath))
            .FirstOrDefault(File.Exists);

    private static IEnumerable<string> Ancestors(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            yield return directory.FullName;
        }
    }

    private static bool IsOnPath(string program) =>
        Path.IsPathRooted(program)
            ? File.Exists(program)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(directory => File.Exists(Path.Combine(directory, program)));
}
