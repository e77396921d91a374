namespace QuestionBank.Exercises;

/// <summary>Where a run's progress goes: the sandbox runner streams it to the worker.</summary>
public interface IExerciseReporter
{
    void Progress(int step, IReadOnlyDictionary<string, double> metrics);

    void Image(string name, byte[] png);
}
