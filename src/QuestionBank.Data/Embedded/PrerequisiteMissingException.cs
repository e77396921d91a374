namespace QuestionBank.Data.Embedded;

/// <summary>
/// A program this machine must install first and this process may not; its message is the one line a
/// user reads, naming the command to run.
/// </summary>
public sealed class PrerequisiteMissingException(string message) : InvalidOperationException(message);
