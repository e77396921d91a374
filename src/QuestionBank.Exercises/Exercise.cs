using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>
/// One coding exercise: what the page shows (title, starter, reference solution, parameters) and,
/// inside the sandbox, its data and its judge.
/// </summary>
public abstract class Exercise
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>Words in a coding question's title that make this exercise its hands-on version (case-sensitive).</summary>
    public abstract IReadOnlyList<string> QuestionKeywords { get; }

    /// <summary>What the user's code has to do and hand back.</summary>
    public abstract string Summary { get; }

    public abstract ExerciseParameters Defaults { get; }

    public abstract ParameterLimits Limits { get; }

    /// <summary>The bars the judge's final metrics must reach.</summary>
    public abstract IReadOnlyList<MetricGoal> Goals { get; }

    /// <summary>Files of the sandbox data directory that <see cref="LoadData"/> reads.</summary>
    public virtual IReadOnlyList<string> DataFiles => [];

    /// <summary>What the user edits: it compiles and runs, with the key parts left to write.</summary>
    public string Starter => ReadSource("Starter.cs");

    public string Solution => ReadSource("Solution.cs");

    public bool MeetsGoals(IReadOnlyDictionary<string, double> metrics) => Goals.All(goal => goal.IsMetBy(metrics));

    public abstract ExerciseData LoadData(IReadOnlyDictionary<string, byte[]> files);

    /// <summary>Computes the final metrics of the submitted model on data the user's code never saw.</summary>
    /// <exception cref="JudgeException">The model does not have the shape the exercise asks for.</exception>
    public abstract IReadOnlyDictionary<string, double> Judge(
        nn.Module<Tensor, Tensor> model, ExerciseData data, Device device, IExerciseReporter reporter);

    /// <summary>Runs <paramref name="model"/> in evaluation mode over <paramref name="inputs"/> in batches; the result is on the CPU.</summary>
    protected static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor inputs, Device device, int batchSize = 500)
    {
        model.eval();
        using var noGrad = no_grad();
        var outputs = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, inputs.shape[0] - start);
            var output = model.forward(inputs.narrow(0, start, length).to(device)).cpu();
            outputs.Add(output.MoveToOuterDisposeScope());
        }
        return cat(outputs, 0);
    }

    protected static byte[] RequireFile(IReadOnlyDictionary<string, byte[]> files, string name) =>
        files.TryGetValue(name, out var file)
            ? file
            : throw new InvalidOperationException($"The sandbox data file {name} is missing; run scripts/prepare-sandbox.sh.");

    private string ReadSource(string name)
    {
        using var stream = typeof(Exercise).Assembly.GetManifestResourceStream($"{Id}/{name}")
            ?? throw new InvalidOperationException($"The exercise {Id} has no embedded {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The submitted model cannot be judged (wrong output shape, nothing submitted).</summary>
public sealed class JudgeException(string message) : Exception(message);
