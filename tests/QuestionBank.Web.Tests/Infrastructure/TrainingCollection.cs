namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// Tests that train in the sandbox run here, one at a time and after every other collection:
/// training uses every core, and would slow the other tests past their timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "Training";
}
