using QuestionBank.Contracts;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>
/// A stand-in for the jailed model and the trusted jobs: answers with a function (and with
/// <see cref="State"/> when asked for its weights), records every question, one at a time, and
/// every network the evaluator runs, which scores digits with <see cref="Evaluate"/>.
/// </summary>
internal sealed class ScriptedModel(Func<FloatTensor, FloatTensor> answer) : IModelClient, IDigitClassifier, IDigitNetScorer
{
    private int inFlight;

    public List<FloatTensor> Questions { get; } = [];

    public bool EverAskedTwoAtOnce { get; private set; }

    /// <summary>The bytes the model's process answers a state request with.</summary>
    public byte[]? State { get; init; }

    public Func<DigitNetWeights, float[], int, float[]> Evaluate { get; init; } = (_, pixels, count) => SyntheticDigits.PerfectScores(pixels, count);

    public List<DigitNetWeights> EvaluatedNetworks { get; } = [];

    public async Task<FloatTensor> ForwardAsync(FloatTensor input, CancellationToken cancellationToken)
    {
        EverAskedTwoAtOnce |= Interlocked.Increment(ref inFlight) > 1;
        Questions.Add(input);
        await Task.Yield();
        Interlocked.Decrement(ref inFlight);
        return answer(input);
    }

    public Task<ModelState> StateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ModelState.Parse(State ?? throw new JudgeException(RunMessages.ModelProcessEnded.With())));

    public Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Enumerable.Range(0, count).SelectMany(_ => new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).ToArray());

    public Task<float[]> ScoresAsync(DigitNetWeights network, float[] pixels, int count, CancellationToken cancellationToken)
    {
        EvaluatedNetworks.Add(network);
        return Task.FromResult(Evaluate(network, pixels, count));
    }

    public JudgeTools Tools => new(this, this, this);
}
