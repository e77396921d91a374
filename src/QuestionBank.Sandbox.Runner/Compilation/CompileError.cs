namespace QuestionBank.Sandbox.Runner.Compilation;

/// <summary>A compiler error in the user's source, at a 1-based line and column.</summary>
public sealed record CompileError(int Line, int Column, string Code, string Message);
