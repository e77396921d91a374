namespace QuestionBank.Exercises;

/// <summary>
/// An exercise's data for one run: what user code may train on, and the held-out part only the
/// judge sees.
/// </summary>
public sealed record ExerciseData(object? Training, object? HeldOut);
