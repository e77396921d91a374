using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Runner.Compilation;

/// <summary>The compiled assembly, or the errors that prevented it.</summary>
public sealed record CompiledSolution(byte[]? Assembly, IReadOnlyList<CompileError> Errors)
{
    public bool Succeeded => Assembly is not null;
}
