using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Compression;

/// <summary>What a compression exercise's user code gets: the training digits and the pretrained network's weights.</summary>
public sealed class PretrainedDigits(MnistSplit mnist, byte[] pretrained)
{
    public MnistSplit Mnist { get; } = mnist;

    /// <summary>A fresh copy of the pretrained network, on the CPU.</summary>
    public DigitNet LoadNetwork() => DigitNet.FromState(ModelState.Parse(pretrained));
}
