using static TorchSharp.torch;

namespace QuestionBank.Exercises.Transfer;

/// <summary>
/// What user code gets for the transfer exercise: the few labelled digits 5–9 (<see cref="Images"/>
/// [N, 1, 28, 28] in [0, 1], <see cref="Labels"/> [N] as class indices 0–4, class c being the digit
/// 5 + c) and the backbone pretrained on the digits 0–4.
/// </summary>
public sealed class TransferData(DigitTensors digits, byte[] backboneWeights)
{
    public Tensor Images => digits.Images;

    public Tensor Labels => digits.Labels;

    public long Count => digits.Count;

    /// <summary>A new copy of the backbone with its pretrained weights, on the CPU.</summary>
    public DigitBackbone LoadBackbone() => DigitBackbone.Load(backboneWeights);
}
