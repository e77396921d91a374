using QuestionBank.Contracts;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Dqn;

/// <summary>
/// The one network family the DQN judge accepts, run by trusted code from the submitted weights: a
/// multilayer perceptron of <c>X.weight</c> [out, in] and <c>X.bias</c> [out] pairs in the state's order,
/// a ReLU between layers, from the <see cref="CartPole.ObservationSize"/> observations to
/// <see cref="CartPole.ActionCount"/> action values. The model's own forward never runs, so it cannot
/// be a rule that adapts while it is judged.
/// </summary>
public sealed class QNetworkState
{
    public const int MaxLayers = 4;
    public const int MaxWidth = 256;

    private readonly List<(float[] Weight, float[] Bias, int Inputs, int Outputs)> layers;

    private QNetworkState(List<(float[] Weight, float[] Bias, int Inputs, int Outputs)> layers) => this.layers = layers;

    /// <exception cref="JudgeException">The state is not such a network.</exception>
    public static QNetworkState FromState(ModelState state)
    {
        if (state.Tensors.Count % 2 != 0 || state.Tensors.Count / 2 > MaxLayers)
        {
            throw new JudgeException(RunMessages.QNetworkLayerCount.With(MaxLayers, state.Tensors.Count));
        }
        var layers = new List<(float[], float[], int, int)>();
        var inputs = CartPole.ObservationSize;
        for (var i = 0; i < state.Tensors.Count; i += 2)
        {
            var (weight, bias) = (state.Tensors[i], state.Tensors[i + 1]);
            var prefix = weight.Name.EndsWith(".weight", StringComparison.Ordinal) ? weight.Name[..^".weight".Length] : null;
            if (prefix is null || bias.Name != prefix + ".bias" || weight.Type != StateType.Float32 || bias.Type != StateType.Float32)
            {
                throw new JudgeException(RunMessages.QNetworkPair.With(weight.Name, bias.Name));
            }
            var outputs = weight.Shape[0];
            if (weight.Shape.Length != 2 || weight.Shape[1] != inputs || outputs > MaxWidth || !bias.Shape.SequenceEqual([outputs]))
            {
                throw new JudgeException(RunMessages.QNetworkShape.With(weight.Name, weight.ShapeText, bias.Name, bias.ShapeText, MaxWidth, inputs));
            }
            var (weights, biases) = (weight.ToFloats(), bias.ToFloats());
            if (!weights.Concat(biases).All(float.IsFinite))
            {
                throw new JudgeException(RunMessages.QNetworkNotFinite.With(weight.Name, bias.Name));
            }
            layers.Add((weights, biases, inputs, outputs));
            inputs = outputs;
        }
        return inputs == CartPole.ActionCount
            ? new QNetworkState(layers)
            : throw new JudgeException(RunMessages.QNetworkOutputs.With(inputs, CartPole.ActionCount));
    }

    /// <summary>The action values of one <paramref name="observation"/>.</summary>
    public float[] Values(float[] observation)
    {
        var activations = observation;
        for (var l = 0; l < layers.Count; l++)
        {
            var (weight, bias, inputs, outputs) = layers[l];
            var next = new float[outputs];
            for (var o = 0; o < outputs; o++)
            {
                var sum = bias[o];
                var row = weight.AsSpan(o * inputs, inputs);
                for (var i = 0; i < inputs; i++)
                {
                    sum += row[i] * activations[i];
                }
                next[o] = l < layers.Count - 1 ? Math.Max(sum, 0) : sum;
            }
            activations = next;
        }
        return activations;
    }
}
