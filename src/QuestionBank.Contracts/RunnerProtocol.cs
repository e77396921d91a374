using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuestionBank.Contracts;

/// <summary>
/// What the worker sends on the runner's standard input before the files' bytes. The user's
/// source is one of the files, <see cref="SourceFileName"/>: nothing of the host's folders is mounted for a job.
/// A <see cref="ExerciseLanguages.Python"/> job goes to the Python runner (python/runner.py), which reads the same header.
/// </summary>
public sealed record RunnerHeader(
    string Token,
    RunnerMode Mode,
    string Exercise,
    string Device,
    int Epochs,
    double LearningRate,
    int BatchSize,
    int Seed,
    int OutputLimitBytes,
    IReadOnlyList<RunnerFile> Files,
    string Language = ExerciseLanguages.CSharp)
{
    /// <summary>The file the user's source arrives as; its name is what compile errors and tracebacks show.</summary>
    [JsonIgnore]
    public string SourceFileName => Language == ExerciseLanguages.Python ? "solution.py" : "Solution.cs";
}

public sealed record RunnerFile(string Name, int Length);

[JsonConverter(typeof(JsonStringEnumConverter<RunnerMode>))]
public enum RunnerMode
{
    /// <summary>Compile the user's source, run it, then answer the judge's questions with the model it submitted.</summary>
    Run,

    /// <summary>Train the GAN judge's digit classifier (trusted code only) and return its weights.</summary>
    TrainJudge,

    /// <summary>Classify digits with the GAN judge's classifier (trusted code only) and return the probabilities.</summary>
    ClassifyDigits,

    /// <summary>Train the transfer exercise's backbone on the digits 0–4 (trusted code only) and return its weights.</summary>
    TrainBackbone,

    /// <summary>Train the compression exercises' pretrained DigitNet (trusted code only) and return its state.</summary>
    TrainDigitNet,

    /// <summary>Score digits with a DigitNet given by its weights (trusted code only): the compression judges' evaluator.</summary>
    ScoreDigitNet,
}

/// <summary>
/// One line the runner writes on standard output. Lines without the job's token are not the
/// runner's: user code wrote them to the raw stream, and the worker treats them as user output.
/// The token only keeps the two apart: user code shares the runner's process and can learn it,
/// so nothing a message says can make a run succeed. No message carries a result; the worker's
/// judge computes that from the answers to its own questions.
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
    string? Diagnostics = null,
    IReadOnlyList<CompileError>? CompileErrors = null,
    long? Id = null,
    int[]? Shape = null,
    string? Key = null)
{
    /// <summary>The compiler has finished; <see cref="CompileErrors"/> lists its errors, if any.</summary>
    public const string Compiled = "compiled";
    public const string Started = "started";
    public const string Progress = "progress";
    public const string Image = "image";
    public const string Output = "output";

    /// <summary>The solution returned and submitted a model: the runner now answers <see cref="RunnerRequest.Forward"/> requests.</summary>
    public const string Ready = "ready";

    /// <summary>
    /// The model's output for request <see cref="Id"/> (<see cref="Shape"/>, <see cref="Data"/>), or its state
    /// (<see cref="Data"/>: base64 of a QBSTATE1 file), or <see cref="Diagnostics"/>.
    /// </summary>
    public const string Answer = "answer";

    /// <summary>What a trusted mode produced (the judge classifier's weights, the digit probabilities).</summary>
    public const string Artifact = "artifact";

    /// <summary>
    /// The run cannot go on: <see cref="Status"/> (failed, memory_limit, cancelled) and <see cref="Diagnostics"/>, with
    /// <see cref="Key"/> when the runner's own words say why (one of <see cref="RunMessages.RunnerWords"/>).
    /// </summary>
    public const string Failure = "failure";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Float32 values as base64 of their little-endian bytes, the form tensors cross the jail in.</summary>
    public static string EncodeFloats(ReadOnlySpan<float> values) => Convert.ToBase64String(MemoryMarshal.AsBytes(values));

    public static float[] DecodeFloats(string data) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(data)).ToArray();
}

/// <summary>One line the worker writes on the runner's standard input after the job's files.</summary>
public sealed record RunnerRequest(string Type, long? Id = null, int[]? Shape = null, string? Data = null)
{
    /// <summary>
    /// Start the user's code: the worker has read the compiler's report. User code can read the runner's standard
    /// output back through /proc/self/fd/1 and would take any line the worker has not read yet, so it starts only
    /// once that line has been read.
    /// </summary>
    public const string Start = "start";

    /// <summary>Run the submitted model's forward on <see cref="Data"/> (float32, <see cref="Shape"/>).</summary>
    public const string Forward = "forward";

    /// <summary>Send the submitted model's named tensors (its state_dict).</summary>
    public const string State = "state";

    /// <summary>Stop the user's code (it sees its cancellation token cancelled).</summary>
    public const string Cancel = "cancel";

    /// <summary>The judge has no more questions: exit.</summary>
    public const string End = "end";
}
