namespace QuestionBank.Contracts;

/// <summary>
/// A compiler error in the user's source, at a 1-based line and column: sent by the runner, stored
/// in the run's JSON column and shown by the web app.
/// </summary>
public sealed record CompileError(int Line, int Column, string Code, string Message);
