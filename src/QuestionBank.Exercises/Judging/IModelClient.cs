using QuestionBank.Contracts;

namespace QuestionBank.Exercises.Judging;

/// <summary>
/// The submitted model as the trusted judge sees it: a function it can call on inputs of its own
/// choosing. The model runs in the jail; only the inputs go in and only the outputs come back.
/// </summary>
public interface IModelClient
{
    /// <summary>Runs the model's <c>forward</c> on <paramref name="input"/> in evaluation mode.</summary>
    /// <exception cref="JudgeException">The model failed, or answered with something that is not a tensor.</exception>
    Task<FloatTensor> ForwardAsync(FloatTensor input, CancellationToken cancellationToken);

    /// <summary>
    /// The model's named tensors (its <c>state_dict</c>), checked by <see cref="ModelState.Parse"/>: what
    /// judges of the model's weights (prune, quantize, distill) measure, never its own forward.
    /// </summary>
    /// <exception cref="JudgeException">The model's process failed to answer, or answered with no valid state.</exception>
    Task<ModelState> StateAsync(CancellationToken cancellationToken);
}

/// <summary>A float32 tensor in row-major order, as it crosses the jail's boundary.</summary>
public sealed record FloatTensor(float[] Data, int[] Shape)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>Checks that this output has the shape <paramref name="expected"/>.</summary>
    /// <exception cref="JudgeException">It has another shape.</exception>
    public FloatTensor Expect(RunMessageTemplate wrongShape, params int[] expected) =>
        Shape.SequenceEqual(expected)
            ? this
            : throw new JudgeException(wrongShape.With(ShapeText, $"[{string.Join(", ", expected)}]"));
}

/// <summary>The submitted model cannot be judged (wrong output shape, a failing forward, nothing submitted).</summary>
public sealed class JudgeException(RunMessage why) : Exception(why.Text)
{
    /// <summary>The reason, to be shown in the reader's language.</summary>
    public RunMessage Why { get; } = why;
}
