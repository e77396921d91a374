using QuestionBank.Exercises.Judging;
using static TorchSharp.torch;

namespace QuestionBank.Exercises.Compression;

/// <summary>
/// What a compression exercise's user code gets: the training digits, the pretrained network's
/// weights, and (distill) training images whose labels it does not get.
/// </summary>
public sealed class PretrainedDigits(DigitTensors mnist, byte[] pretrained, Tensor? unlabelled)
{
    /// <summary>The training file of images without labels.</summary>
    public const string UnlabelledFileName = "mnist-unlabelled.bin";

    public DigitTensors Mnist { get; } = mnist;

    public Tensor? Unlabelled { get; } = unlabelled;

    /// <summary>A fresh copy of the pretrained network, on the CPU.</summary>
    public DigitNet LoadNetwork() => DigitNet.FromState(ModelState.Parse(pretrained));
}
