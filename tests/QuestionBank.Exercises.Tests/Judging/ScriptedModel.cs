using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>A stand-in for the jailed model: answers with a function and records every question, one at a time.</summary>
internal sealed class ScriptedModel(Func<FloatTensor, FloatTensor> answer) : IModelClient, IDigitClassifier
{
    private int inFlight;

    public List<FloatTensor> Questions { get; } = [];

    public bool EverAskedTwoAtOnce { get; private set; }

    public async Task<FloatTensor> ForwardAsync(FloatTensor input, CancellationToken cancellationToken)
    {
        EverAskedTwoAtOnce |= Interlocked.Increment(ref inFlight) > 1;
        Questions.Add(input);
        await Task.Yield();
        Interlocked.Decrement(ref inFlight);
        return answer(input);
    }

    public Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Enumerable.Range(0, count).SelectMany(_ => new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).ToArray());

    public JudgeTools Tools => new(this, this);
}
