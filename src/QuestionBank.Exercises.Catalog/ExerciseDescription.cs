using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuestionBank.Contracts;

namespace QuestionBank.Exercises.Catalog;

/// <summary>
/// What the pages show of one coding exercise: title and summary (in English and Chinese), starter, reference
/// solution, the parameters a run may set and the goals its judged metrics must reach. Each exercise's values are
/// data beside its source, Sources/&lt;id&gt;/description.json, read by <see cref="Load"/>.
/// </summary>
public sealed record ExerciseDescription
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The name of the exercise's folder under Sources/; <see cref="Load"/> sets it.</summary>
    [JsonIgnore]
    public string Id { get; private init; } = "";

    /// <summary>The English title; pages show <see cref="Text"/>, the one in the reader's language.</summary>
    public required string Title { get; init; }

    /// <summary>
    /// Words in a coding question's title that make this exercise its hands-on version (case-sensitive),
    /// when its document declares none: the importer's fallback.
    /// </summary>
    public required IReadOnlyList<string> QuestionKeywords { get; init; }

    /// <summary>What the user's code has to do and hand back, in English; pages show <see cref="Text"/>.</summary>
    public required string Summary { get; init; }

    /// <summary>The title and summary in Simplified Chinese (description.json's "zh").</summary>
    [JsonPropertyName("zh")]
    public required ExerciseText Chinese { get; init; }

    /// <summary>The title and summary in the current UI language (a web request's): see <see cref="TextIn"/>.</summary>
    [JsonIgnore]
    public ExerciseText Text => TextIn(CultureInfo.CurrentUICulture);

    public required ExerciseParameters Defaults { get; init; }

    public required ParameterLimits Limits { get; init; }

    /// <summary>The bars the judge's final metrics must reach.</summary>
    public required IReadOnlyList<MetricGoal> Goals { get; init; }

    /// <summary>What the user edits: it compiles and runs, with the key parts left to write.</summary>
    public string Starter => ExerciseSource.Starter(Read(Id, "Exercise.cs"));

    public string Solution => ExerciseSource.Solution(Read(Id, "Exercise.cs"));

    /// <summary>The languages a run of this exercise may be written in: C# always, Python where Sources/&lt;id&gt;/exercise.py exists.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Languages =>
        Exists(Id, PythonFileName) ? [ExerciseLanguages.CSharp, ExerciseLanguages.Python] : [ExerciseLanguages.CSharp];

    /// <summary>The starter and the reference solution in <paramref name="language"/>, one of <see cref="Languages"/>.</summary>
    public ExerciseCode Code(string language) => language switch
    {
        ExerciseLanguages.CSharp => new ExerciseCode(Starter, Solution),
        ExerciseLanguages.Python when Languages.Contains(language) =>
            new ExerciseCode(ExerciseSource.Starter(Read(Id, PythonFileName), "#"), ExerciseSource.Solution(Read(Id, PythonFileName), "#")),
        _ => throw new ArgumentException($"The exercise {Id} has no {language} version.", nameof(language)),
    };

    /// <summary>The title and summary in <paramref name="culture"/>'s language: Chinese for any zh culture, English for the rest.</summary>
    public ExerciseText TextIn(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" ? Chinese : new ExerciseText(Title, Summary);

    public bool MeetsGoals(IReadOnlyDictionary<string, double> metrics) => Goals.All(goal => goal.IsMetBy(metrics));

    /// <summary>
    /// The exercise <paramref name="id"/> as its description.json says, its summaries' placeholders ({0}, {1:N0}, …)
    /// filled with <paramref name="summaryValues"/>: values its judge uses too, so they are written in code once.
    /// Numbers are written the invariant way in both languages (8,000, not the server culture's 8.000).
    /// </summary>
    internal static ExerciseDescription Load(string id, params object[] summaryValues)
    {
        var read = JsonSerializer.Deserialize<ExerciseDescription>(Read(id, "description.json"), Json)
            ?? throw new InvalidOperationException($"The exercise {id}'s description.json is empty.");
        return read with
        {
            Id = id,
            Summary = string.Format(CultureInfo.InvariantCulture, read.Summary, summaryValues),
            Chinese = read.Chinese with { Summary = string.Format(CultureInfo.InvariantCulture, read.Chinese.Summary, summaryValues) },
        };
    }

    private const string PythonFileName = "exercise.py";

    private static bool Exists(string id, string fileName) =>
        typeof(ExerciseDescription).Assembly.GetManifestResourceInfo($"{id}/{fileName}") is not null;

    private static string Read(string id, string fileName)
    {
        using var stream = typeof(ExerciseDescription).Assembly.GetManifestResourceStream($"{id}/{fileName}")
            ?? throw new InvalidOperationException($"The exercise {id} has no embedded {fileName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>An exercise's starter and reference solution in one programming language.</summary>
public sealed record ExerciseCode(string Starter, string Solution);

/// <summary>An exercise's title and summary in one language.</summary>
public sealed record ExerciseText(string Title, string Summary);
