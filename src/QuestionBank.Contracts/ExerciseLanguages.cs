namespace QuestionBank.Contracts;

/// <summary>The languages a run's source may be written in, as stored in runs and sent to the runner.</summary>
public static class ExerciseLanguages
{
    /// <summary>C# with TorchSharp, compiled by Roslyn in the jail: every exercise, on every device.</summary>
    public const string CSharp = "csharp";

    /// <summary>Python with PyTorch (Debian's CPU build), run by the Python runner in the jail.</summary>
    public const string Python = "python";

    public static IReadOnlyList<string> All { get; } = [CSharp, Python];
}
