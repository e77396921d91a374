using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>MNIST digits: images [N, 1, 28, 28] with pixels in [0, 1], labels [N] (int64), on the CPU.</summary>
public sealed class DigitTensors(Tensor images, Tensor labels)
{
    public Tensor Images { get; } = images;

    public Tensor Labels { get; } = labels;

    public long Count => Labels.shape[0];
}
