using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuestionBank.Sandbox.Runner;

/// <summary>What the worker sends on the runner's standard input before the data files' bytes.</summary>
public sealed record RunnerJob(
    string Token,
    RunnerMode Mode,
    string Exercise,
    string Device,
    int Epochs,
    double LearningRate,
    int BatchSize,
    int Seed,
    int OutputLimitBytes,
    IReadOnlyList<RunnerFile> Files);

public sealed record RunnerFile(string Name, int Length);

[JsonConverter(typeof(JsonStringEnumConverter<RunnerMode>))]
public enum RunnerMode
{
    /// <summary>Run the user's solution from /job/solution.dll and judge it.</summary>
    Exercise,

    /// <summary>Train the GAN judge's digit classifier (trusted code only) and return its weights.</summary>
    TrainJudge,
}

/// <summary>
/// One line the runner writes on standard output. Lines without the job's token are not the
/// runner's: user code wrote them to the raw stream, and the worker treats them as user output.
/// </summary>
public sealed record RunnerMessage(
    string Token,
    string Type,
    int? Step = null,
    IReadOnlyDictionary<string, double>? Metrics = null,
    string? Name = null,
    string? Data = null,
    string? Text = null,
    string? Status = null,
    string? Diagnostics = null)
{
    public const string Started = "started";
    public const string Progress = "progress";
    public const string Image = "image";
    public const string Output = "output";
    public const string Artifact = "artifact";
    public const string Result = "result";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
