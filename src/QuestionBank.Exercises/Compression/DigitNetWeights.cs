using QuestionBank.Contracts;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Compression;

/// <summary>
/// The one family of networks the compression judges accept, read from a submitted state: two
/// convolutions (3×3 or 5×5, "same" padding, each followed by ReLU and 2×2 max-pooling) and two
/// linear layers, with the widths the weights' shapes give. Weights may be float32, or int8 with a
/// float32 scale per output channel (<c>layer.scale</c>), which this dequantises. Anything else in the
/// state (another name, shape or type, a value that is not finite) is rejected, so the judge measures
/// exactly the weights it counts, with its own code.
/// </summary>
public sealed class DigitNetWeights
{
    public const int MaxChannels = 64;
    public const int MaxHidden = 512;
    private const int PooledPixels = 7 * 7;
    private static readonly string[] Layers = ["conv1", "conv2", "fc1", "fc2"];

    private DigitNetWeights(ModelState weights, int[] widths, int[] kernels)
    {
        Weights = weights;
        (Conv1, Conv2, Hidden) = (widths[0], widths[1], widths[2]);
        (Kernel1, Kernel2) = (kernels[0], kernels[1]);
    }

    /// <summary>The float32 weights and biases, named <c>conv1.weight</c>, <c>conv1.bias</c>, … <c>fc2.bias</c>.</summary>
    public ModelState Weights { get; }

    public int Conv1 { get; }

    public int Conv2 { get; }

    public int Hidden { get; }

    public int Kernel1 { get; }

    public int Kernel2 { get; }

    /// <summary>The elements of the four weight tensors (convolution kernels and linear matrices).</summary>
    public long WeightCount => WeightTensors.Sum(tensor => tensor.ElementCount);

    public long ZeroWeights => WeightTensors.Sum(tensor => (long)tensor.ToFloats().Count(value => value == 0));

    /// <summary>Weights and biases.</summary>
    public long ParameterCount => Weights.Tensors.Sum(tensor => tensor.ElementCount);

    public string Architecture => $"conv {Kernel1}×{Kernel1}→{Conv1}, conv {Kernel2}×{Kernel2}→{Conv2}, linear→{Hidden}, linear→10";

    private IEnumerable<StateTensor> WeightTensors => Layers.Select(layer => Weights.Find(layer + ".weight")!);

    public bool HasShapeOf(DigitNetWeights other) =>
        (Conv1, Conv2, Hidden, Kernel1, Kernel2) == (other.Conv1, other.Conv2, other.Hidden, other.Kernel1, other.Kernel2);

    /// <summary>Reads the network a state holds.</summary>
    /// <exception cref="JudgeException">The state is not a network of this family.</exception>
    public static DigitNetWeights FromState(ModelState state)
    {
        var expected = Layers.SelectMany(layer => new[] { layer + ".weight", layer + ".bias", layer + ".scale" }).ToHashSet();
        if (state.Tensors.FirstOrDefault(tensor => !expected.Contains(tensor.Name)) is { } extra)
        {
            throw new JudgeException(RunMessages.NotInNetwork.With(extra.Name));
        }
        var c1 = Weight(state, "conv1", rank: 4).Shape[0];
        var k1 = Kernel(state, "conv1", 1);
        var c2 = Weight(state, "conv2", rank: 4).Shape[0];
        var k2 = Kernel(state, "conv2", c1);
        var hidden = Weight(state, "fc1", rank: 2).Shape[0];
        Expect(state, "fc1.weight", hidden, c2 * PooledPixels);
        Expect(state, "fc2.weight", 10, hidden);
        if (c1 > MaxChannels || c2 > MaxChannels || hidden > MaxHidden)
        {
            throw new JudgeException(RunMessages.NetworkTooWide.With(MaxChannels, MaxHidden));
        }
        int[] widths = [c1, c2, hidden, 10];
        var tensors = new List<StateTensor>();
        for (var i = 0; i < Layers.Length; i++)
        {
            tensors.Add(Dequantised(state, Layers[i], widths[i]));
            var bias = Expect(state, Layers[i] + ".bias", widths[i]);
            tensors.Add(bias.Type == StateType.Float32 ? Finite(bias) : throw new JudgeException(RunMessages.MustBeFloat32.With(bias.Name)));
        }
        return new DigitNetWeights(new ModelState(tensors), widths, [k1, k2]);
    }

    /// <summary>
    /// The float32 network <paramref name="state"/> holds, with its outputs renamed: the scores of class
    /// <c>c</c> come out at <see cref="LabelPermutation.Shown"/>(c). It answers exactly as before, under the run's names.
    /// </summary>
    public static ModelState WithClassesShown(ModelState state, LabelPermutation permutation)
    {
        var network = FromState(state);
        return new ModelState([.. network.Weights.Tensors.Select(tensor => tensor.Name is "fc2.weight" or "fc2.bias" ? RowsShown(tensor, permutation) : tensor)]);
    }

    private static StateTensor RowsShown(StateTensor tensor, LabelPermutation permutation)
    {
        var values = tensor.ToFloats();
        var row = values.Length / permutation.Classes;
        var shown = new float[values.Length];
        for (var label = 0; label < permutation.Classes; label++)
        {
            Array.Copy(values, label * row, shown, permutation.Shown(label) * row, row);
        }
        return StateTensor.FromFloats(tensor.Name, shown, tensor.Shape);
    }

    /// <summary>The network's held-out accuracy, measured by the trusted evaluator.</summary>
    public async Task<double> AccuracyAsync(IDigitNetScorer evaluator, DigitRecords test, CancellationToken cancellationToken)
    {
        var scores = await evaluator.ScoresAsync(this, test.Pixels(), test.Count, cancellationToken);
        if (scores.Length != test.Count * 10)
        {
            throw new InvalidOperationException($"The evaluator returned {scores.Length} scores for {test.Count} digits.");
        }
        var correct = 0;
        for (var i = 0; i < test.Count; i++)
        {
            if (SecretRandom.ArgMax(scores.AsSpan(i * 10, 10)) == test.Labels[i])
            {
                correct++;
            }
        }
        return (double)correct / test.Count;
    }

    private static StateTensor Weight(ModelState state, string layer, int rank) =>
        state.Find(layer + ".weight") is { } weight
            ? weight.Shape.Length == rank ? weight : throw new JudgeException(RunMessages.WrongRank.With(weight.Name, weight.ShapeText, rank))
            : throw new JudgeException(RunMessages.StateMissing.With(layer + ".weight"));

    private static int Kernel(ModelState state, string layer, int inputs)
    {
        var kernel = state.Find(layer + ".weight")!.Shape[2];
        if (kernel is not (3 or 5))
        {
            throw new JudgeException(RunMessages.WrongKernel.With(layer + ".weight", kernel));
        }
        Expect(state, layer + ".weight", state.Find(layer + ".weight")!.Shape[0], inputs, kernel, kernel);
        return kernel;
    }

    private static StateTensor Expect(ModelState state, string name, params int[] shape) =>
        state.Find(name) is not { } tensor
            ? throw new JudgeException(RunMessages.StateMissing.With(name))
            : tensor.Shape.SequenceEqual(shape)
                ? tensor
                : throw new JudgeException(RunMessages.WrongShape.With(name, tensor.ShapeText, $"[{string.Join(", ", shape)}]"));

    /// <summary>The layer's weight as float32: int8 values times their output channel's scale.</summary>
    private static StateTensor Dequantised(ModelState state, string layer, int outputs)
    {
        var weight = state.Find(layer + ".weight")!;
        var scale = state.Find(layer + ".scale");
        if (weight.Type == StateType.Float32)
        {
            return scale is null ? Finite(weight) : throw new JudgeException(RunMessages.ScaleOnlyForInt8.With(layer + ".scale"));
        }
        var scales = scale is null
            ? throw new JudgeException(RunMessages.Int8NeedsScale.With(layer + ".weight", layer + ".scale"))
            : Finite(Expect(state, scale.Name, outputs)).ToFloats();
        if (scale.Type != StateType.Float32 || scales.Any(value => value < 0))
        {
            throw new JudgeException(RunMessages.ScaleNegative.With(scale.Name));
        }
        var values = weight.ToFloats();
        var perChannel = values.Length / outputs;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scales[i / perChannel];
        }
        return StateTensor.FromFloats(weight.Name, values, weight.Shape);
    }

    private static StateTensor Finite(StateTensor tensor) =>
        tensor.ToFloats().All(float.IsFinite) ? tensor : throw new JudgeException(RunMessages.NotFinite.With(tensor.Name));
}
