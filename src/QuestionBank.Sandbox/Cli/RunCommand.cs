using System.Globalization;
using System.Text.Json;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises;
using QuestionBank.Sandbox.Runs;

namespace QuestionBank.Sandbox.Cli;

/// <summary>
/// <c>run --exercise ID [--source FILE | --solution] [--device cpu] [--seed N] [--epochs N]
/// [--learning-rate X] [--batch-size N] [--timeout-seconds N] [--memory-mb N]</c>: runs one job in
/// the jail without a database. Progress goes to standard error; the last line of standard output
/// is one JSON object: status, metrics, goalsMet, diagnostics, output, wallSeconds, images. Exit
/// code 0 when the run succeeded and met the exercise's goals, 1 otherwise, 2 for a usage error.
/// </summary>
public static class RunCommand
{
    public const string Usage =
        "usage: run --exercise cnn|lstm|gan|dqn [--source FILE | --solution] [--device cpu|cuda] [--seed N] " +
        "[--epochs N] [--learning-rate X] [--batch-size N] [--timeout-seconds N] [--memory-mb N] [--images DIR]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static async Task<int> ExecuteAsync(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = ParseOptions(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"{exception.Message}\n{Usage}");
            return 2;
        }
        var exercise = options.TryGetValue("exercise", out var id) ? ExerciseCatalog.Find(id) : null;
        if (exercise is null)
        {
            await Console.Error.WriteLineAsync($"Choose an exercise: {string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))}.\n{Usage}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(Overrides(options));
        builder.AddSandbox();
        using var host = builder.Build();

        var source = options.TryGetValue("source", out var file) ? await File.ReadAllTextAsync(file)
            : options.ContainsKey("solution") ? exercise.Solution
            : exercise.Starter;
        var parameters = new ExerciseParameters(
            Int(options, "epochs") ?? exercise.Defaults.Epochs,
            options.TryGetValue("learning-rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : exercise.Defaults.LearningRate,
            Int(options, "batch-size") ?? exercise.Defaults.BatchSize,
            Int(options, "seed") ?? exercise.Defaults.Seed);
        var request = new RunRequest(exercise.Id, source, options.GetValueOrDefault("device", "cpu"), parameters);

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var result = await host.Services.GetRequiredService<RunExecutor>()
            .ExecuteAsync(request, new ConsoleObserver(), cancellation.Token);

        if (options.TryGetValue("images", out var imagesDirectory))
        {
            Directory.CreateDirectory(imagesDirectory);
            foreach (var image in result.Images)
            {
                await File.WriteAllBytesAsync(Path.Combine(imagesDirectory, Path.GetFileName(image.Name)), image.Png);
            }
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            status = result.Status,
            metrics = result.Metrics,
            goalsMet = result.GoalsMet,
            diagnostics = result.Diagnostics,
            output = result.Output,
            wallSeconds = Math.Round(result.WallSeconds, 2),
            images = result.Images.Select(image => image.Name),
        }, Json));
        return result.Status == RunStatus.Succeeded && result.GoalsMet ? 0 : 1;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
            var name = args[i][2..];
            if (name == "solution")
            {
                options[name] = "true";
            }
            else if (i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }
        return options;
    }

    private static Dictionary<string, string?> Overrides(Dictionary<string, string> options)
    {
        var overrides = new Dictionary<string, string?>();
        if (options.TryGetValue("timeout-seconds", out var timeout))
        {
            overrides[$"{SandboxOptions.SectionName}:TimeoutSeconds"] = timeout;
        }
        if (options.TryGetValue("memory-mb", out var memory))
        {
            overrides[$"{SandboxOptions.SectionName}:MemoryMb"] = memory;
        }
        if (options.GetValueOrDefault("device") == "cuda")
        {
            overrides[$"{SandboxOptions.SectionName}:Devices:0"] = "cuda";
        }
        return overrides;
    }

    private static int? Int(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private sealed class ConsoleObserver : IRunObserver
    {
        public void Started() => Console.Error.WriteLine("running");

        public void Progress(int step, IReadOnlyDictionary<string, double> metrics) => Console.Error.WriteLine(
            $"step {step}: {string.Join(", ", metrics.Select(m => $"{m.Key}={m.Value.ToString("G4", CultureInfo.InvariantCulture)}"))}");
    }
}
