//@ starter
// Quantize a trained CNN's weights to int8: at least 3× smaller, held-out accuracy at most 1 point lower.
// ctx.LoadPretrained() gives the trained float32 DigitNet. Submit a module whose state holds, for each
// of conv1, conv2, fc1 and fc2: weight (int8), scale (float32, one per output channel) and bias
// (float32). The judge sums the bytes of those tensors and runs its own copy of the network on their
// dequantized values (weight × scale) on 2,000 held-out digits: only the state counts, not your forward.
//@ solution
// Reference solution: post-training, symmetric, per-channel int8 quantization of the weights, by hand.
// Each output channel gets the scale max|w| / 127, so its largest weight maps to ±127.
//@ end
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        using var pretrained = ctx.LoadPretrained();
        var model = new QuantizedDigitNet(pretrained);
        var errors = new List<double>();
        var step = 0;
        foreach (var (name, layer) in model.Layers)
        {
            var error = layer.MeanAbsoluteError;
            errors.Add(error);
            ctx.Report(++step, ("mean_abs_error", error));
            Console.WriteLine($"{name}: mean |w - dequantized w| = {error:E2}");
        }
        ctx.ReportImage("quantization-error.png", QuestionBank.Exercises.Imaging.LineChart.Render(errors));
        ctx.Submit(model);
    }
}

/// <summary>The DigitNet with int8 weights: its state holds conv1.weight (int8), conv1.scale, conv1.bias, … fc2.bias.</summary>
public class QuantizedDigitNet : Module<Tensor, Tensor>
{
    private readonly QuantizedLayer conv1;
    private readonly QuantizedLayer conv2;
    private readonly QuantizedLayer fc1;
    private readonly QuantizedLayer fc2;

    public QuantizedDigitNet(Module source) : base(nameof(QuantizedDigitNet))
    {
        var parameters = source.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        QuantizedLayer Layer(string name) => new(parameters[name + ".weight"], parameters[name + ".bias"]);
        (conv1, conv2, fc1, fc2) = (Layer("conv1"), Layer("conv2"), Layer("fc1"), Layer("fc2"));
        RegisterComponents();
    }

    public IEnumerable<(string Name, QuantizedLayer Layer)> Layers => [("conv1", conv1), ("conv2", conv2), ("fc1", fc1), ("fc2", fc2)];

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(conv1.Convolve(input)), 2);
        x = functional.max_pool2d(functional.relu(conv2.Convolve(x)), 2);
        x = functional.relu(functional.linear(x.flatten(1), fc1.Dequantized(), fc1.Bias));
        return functional.linear(x, fc2.Dequantized(), fc2.Bias).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// One layer as int8 weights, a float32 scale per output channel, and a float32 bias. Its only tensor
/// fields are these three: TorchSharp registers a module's tensor fields as buffers, and the judge
/// rejects a state holding anything else.
/// </summary>
public class QuantizedLayer : Module
{
    private readonly Tensor weight;
    private readonly Tensor scale;
    private readonly Tensor bias;
    private readonly long padding;

    public QuantizedLayer(Tensor floatWeight, Tensor floatBias) : base(nameof(QuantizedLayer))
    {
        using var original = floatWeight.detach().cpu().clone();
        using var rows = original.flatten(1);
        //@ starter
        // TODO: choose a scale per output channel (row) so that the row's values fit in -127..127
        // without losing more precision than needed, then round weight / scale to int8.
        scale = ones(rows.shape[0]);
        //@ solution
        // Symmetric: zero stays zero, and the largest magnitude of each output channel becomes 127.
        scale = rows.abs().max(1).values.clamp_min(1e-12f).div(127);
        //@ end
        using var scaled = rows.div(scale.unsqueeze(1));
        weight = scaled.round().clamp(-127, 127).to_type(ScalarType.Int8).reshape(original.shape);
        bias = floatBias.detach().cpu().clone();
        padding = original.dim() == 4 ? original.shape[2] / 2 : 0;
        register_buffer("weight", weight);
        register_buffer("scale", scale);
        register_buffer("bias", bias);
        using var difference = Dequantized().sub(original);
        MeanAbsoluteError = difference.abs().mean().item<float>();
    }

    /// <summary>The mean of |w − dequantized w| over the layer's weights.</summary>
    public double MeanAbsoluteError { get; }

    public Tensor Bias => bias;

    /// <summary>The float32 weights the int8 values stand for.</summary>
    public Tensor Dequantized()
    {
        var shape = new long[weight.dim()];
        Array.Fill(shape, 1L);
        shape[0] = -1;
        return weight.to_type(ScalarType.Float32).mul(scale.view(shape));
    }

    public Tensor Convolve(Tensor input) => functional.conv2d(input, Dequantized(), bias, padding: [padding, padding]);
}
