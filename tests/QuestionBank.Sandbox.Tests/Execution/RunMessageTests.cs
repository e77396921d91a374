using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Sandbox.Execution;

namespace QuestionBank.Sandbox.Tests.Execution;

/// <summary>What the worker says about a run carries a key the pages translate; the jail's own words stay as written unless they are the runner's known ones.</summary>
public sealed class RunMessageTests
{
    [Fact]
    public void TheRunnersKnownWordsAreTakenByKeyWithTheWorkersOwnTextWhateverTextCameWithThem()
    {
        var failure = new RunnerMessage("", RunnerMessage.Failure, Status: RunStatus.Failed, Diagnostics: "<b>anything</b>", Key: RunMessages.NotSubmitted.Key);

        var words = JailedModel.WordsOf(failure);

        Assert.Equal(RunMessages.NotSubmitted.Key, words.Key);
        Assert.Equal(RunMessages.NotSubmitted.English, words.Text);
    }

    [Fact]
    public void AFailureWithAKeyTheRunnerDoesNotOwnIsShownAsWrittenWithoutAKey()
    {
        // User code shares the runner's process and can forge a failure line: a key it names is believed only for the runner's argument-free words.
        var forged = new RunnerMessage("", RunnerMessage.Failure, Status: RunStatus.Failed, Diagnostics: "System.Exception: boom", Key: RunMessages.GoalsMissed.Key);

        var words = JailedModel.WordsOf(forged);

        Assert.Null(words.Key);
        Assert.Equal("System.Exception: boom", words.Text);
    }

    [Fact]
    public void TooManyCompileErrorsAreCountedInAMessageWithItsOwnKeyAndEveryArgumentIsCapped()
    {
        var errors = Enumerable.Range(1, RunFootprint.MaxCompileErrors + 5).Select(line => new CompileError(line, 1, "CS0001", "bad")).ToList();
        var tooMany = new RunResult(RunStatus.CompileError, new Dictionary<string, double>(), false, [],
            new RunDiagnostics(RunMessages.DoesNotCompile.With(), errors), "", 1);
        var huge = new RunResult(RunStatus.Failed, new Dictionary<string, double>(), false, [],
            RunDiagnostics.Because(RunMessages.ForwardFailed.With(new string('x', RunFootprint.MaxMessageLength * 2))), "", 1);

        var counted = RunFootprint.Cap(tooMany).Diagnostics.Explanation!;
        var capped = RunFootprint.Cap(huge).Diagnostics.Explanation!;

        Assert.Equal(RunMessages.DoesNotCompileFirstListed.Key, counted.Key);
        Assert.Equal([$"{RunFootprint.MaxCompileErrors + 5}", $"{RunFootprint.MaxCompileErrors}"], counted.Arguments);
        Assert.Equal(RunMessages.ForwardFailed.Key, capped.Key);
        Assert.Equal(RunFootprint.MaxMessageLength + 1, Assert.Single(capped.Arguments).Length);
        Assert.Equal(RunFootprint.MaxMessageLength + 1, capped.Text.Length);
    }
}
