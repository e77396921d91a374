using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Execution;
using QuestionBank.ServiceDefaults;

namespace QuestionBank.Sandbox.Cli;

/// <summary>
/// <c>run --exercise ID [--language csharp|python] [--source FILE | --solution] [--device cpu|cuda] [--seed N] [--epochs N]
/// [--learning-rate X] [--batch-size N] [--timeout-seconds N] [--memory-mb N] [--images DIR]</c>:
/// runs one job in the jail without a database. Progress goes to standard error; the last line of
/// standard output is one JSON object: status, metrics, goalsMet, diagnostics, output, wallSeconds,
/// images. Exit code 0 when the run succeeded and met the exercise's goals, 1 otherwise, 2 for a
/// usage error.
/// </summary>
public sealed class RunCommand : Command
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private readonly Option<string> exercise = new("--exercise")
    {
        Required = true,
        Description = $"The exercise: {string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))}.",
    };
    private readonly Option<string> language = new("--language")
    {
        DefaultValueFactory = _ => ExerciseLanguages.CSharp,
        Description = "The language of the source: csharp (TorchSharp) or python (PyTorch, cpu only).",
    };
    private readonly Option<FileInfo?> source = new("--source") { Description = "A file holding the source to run (default: the starter)." };
    private readonly Option<bool> solution = new("--solution") { Description = "Run the exercise's reference solution." };
    private readonly Option<string> device = new("--device") { DefaultValueFactory = _ => ComputeDevices.Cpu, Description = "The device to train on." };
    private readonly Option<int> seed = new("--seed") { Description = "The random seed." };
    private readonly Option<int> epochs = new("--epochs") { Description = "Training epochs (or episodes)." };
    private readonly Option<double> learningRate = new("--learning-rate")
    {
        Description = "The optimiser's learning rate, as 0.001 or 1e-3.",
        // The default parser reads "0,01" as 1: a comma is taken for a thousands separator.
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            result.AddError($"Cannot parse argument '{token}' for option '--learning-rate': write a number such as 0.001 or 1e-3.");
            return 0;
        },
    };
    private readonly Option<int> batchSize = new("--batch-size") { Description = "The batch size." };
    private readonly Option<int> timeoutSeconds = new("--timeout-seconds") { Description = "The run's time limit (its own time: the wall clock less the seconds it waited for a CPU)." };
    private readonly Option<int> memoryMb = new("--memory-mb") { Description = "The run's memory limit in MB." };
    private readonly Option<DirectoryInfo?> images = new("--images") { Description = "A folder to write the run's plots to." };

    public RunCommand() : base("run", "Runs one exercise job in the jail, without a database.")
    {
        exercise.Validators.Add(result =>
        {
            if (ExerciseCatalog.Find(result.GetValueOrDefault<string>() ?? "") is null)
            {
                result.AddError($"Choose an exercise: {string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))}.");
            }
        });
        device.AcceptOnlyFromAmong([.. ComputeDevices.All]);
        language.AcceptOnlyFromAmong([.. ExerciseLanguages.All]);
        foreach (var option in new Option[] { exercise, language, source, solution, device, seed, epochs, learningRate, batchSize, timeoutSeconds, memoryMb, images })
        {
            Options.Add(option);
        }
        Validators.Add(result =>
        {
            if (result.GetValue(source) is not null && result.GetValue(solution))
            {
                result.AddError("Give --source or --solution, not both.");
            }
            if (result.GetValue(language) is { } chosen && ExerciseCatalog.Find(result.GetValue(exercise) ?? "") is { } found
                && !found.Languages.Contains(chosen))
            {
                result.AddError($"The exercise {found.Id} has no {chosen} version; it has {string.Join(", ", found.Languages)}.");
            }
        });
        SetAction(ExecuteAsync);
    }

    /// <summary>Parses <paramref name="args"/>, which start with <c>run</c>, and runs the job.</summary>
    public static Task<int> InvokeAsync(string[] args) =>
        new RootCommand("QuestionBank sandbox") { new RunCommand() }.Parse(args).InvokeOrReportUsageAsync();

    private async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var chosen = ExerciseCatalog.Find(parsed.GetRequiredValue(exercise))!;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(Overrides(parsed));
        builder.AddSandbox();
        using var host = builder.Build();

        var written = chosen.Code(parsed.GetRequiredValue(language));
        var code = parsed.GetValue(source) is { } file ? await File.ReadAllTextAsync(file.FullName, cancellationToken)
            : parsed.GetValue(solution) ? written.Solution
            : written.Starter;
        var parameters = new ExerciseParameters(
            Given(parsed, epochs) ?? chosen.Defaults.Epochs,
            Given(parsed, learningRate) ?? chosen.Defaults.LearningRate,
            Given(parsed, batchSize) ?? chosen.Defaults.BatchSize,
            Given(parsed, seed) ?? chosen.Defaults.Seed);
        var request = new RunRequest(chosen.Id, code, parsed.GetRequiredValue(device), parameters, parsed.GetRequiredValue(language));
        var result = await host.Services.GetRequiredService<RunExecutor>().ExecuteAsync(request, new ConsoleObserver(), cancellationToken);

        if (parsed.GetValue(images) is { } folder)
        {
            folder.Create();
            foreach (var image in result.Images)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, Path.GetFileName(image.Name)), image.Png, cancellationToken);
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

    private Dictionary<string, string?> Overrides(ParseResult parsed)
    {
        // One run and done: a spare started after it would only be killed.
        var overrides = new Dictionary<string, string?> { [$"{SandboxOptions.SectionName}:WarmPythonRunner"] = "false" };
        if (Given(parsed, timeoutSeconds) is { } timeout)
        {
            overrides[$"{SandboxOptions.SectionName}:TimeoutSeconds"] = timeout.ToString(CultureInfo.InvariantCulture);
        }
        if (Given(parsed, memoryMb) is { } memory)
        {
            overrides[$"{SandboxOptions.SectionName}:MemoryMb"] = memory.ToString(CultureInfo.InvariantCulture);
        }
        if (parsed.GetValue(device) == ComputeDevices.Cuda)
        {
            overrides[$"{SandboxOptions.SectionName}:Devices:0"] = ComputeDevices.Cuda;
        }
        return overrides;
    }

    /// <summary>The option's value when the command line gives it, else null (the exercise's or the sandbox's default).</summary>
    private static T? Given<T>(ParseResult parsed, Option<T> option) where T : struct =>
        parsed.GetResult(option) is null ? null : parsed.GetValue(option);

    private sealed class ConsoleObserver : IRunObserver
    {
        public void Started() => Console.Error.WriteLine("running");

        public void Progress(int step, IReadOnlyDictionary<string, double> metrics) => Console.Error.WriteLine(
            $"step {step}: {string.Join(", ", metrics.Select(m => $"{m.Key}={m.Value.ToString("G4", CultureInfo.InvariantCulture)}"))}");
    }
}
