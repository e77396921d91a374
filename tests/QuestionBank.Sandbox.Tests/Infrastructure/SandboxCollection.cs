namespace QuestionBank.Sandbox.Tests.Infrastructure;

/// <summary>
/// Everything that trains in the jail runs in this one collection, one test at a time: TorchSharp
/// training uses every core, and timings and limits mean little when runs compete.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Sandbox";
}
