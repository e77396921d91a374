using QuestionBank.Contracts;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Sandbox.Execution;

/// <summary>One exercise run to execute: the user's source for an exercise, in one of <see cref="ExerciseLanguages"/>, on a device.</summary>
public sealed record RunRequest(string Exercise, string Source, string Device, ExerciseParameters Parameters, string Language = ExerciseLanguages.CSharp);
