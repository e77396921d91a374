using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>Digits as bytes: <see cref="Count"/> images of 784 pixels (0–255) and their labels.</summary>
public sealed class DigitRecords(byte[] pixels, byte[] labels)
{
    public int Count => labels.Length;

    private byte[] Bytes => pixels;

    public ReadOnlySpan<byte> Labels => labels;

    public ReadOnlySpan<byte> Image(int index) => pixels.AsSpan(index * MnistFile.PixelsPerImage, MnistFile.PixelsPerImage);

    /// <summary>The digits at <paramref name="indices"/>, in that order.</summary>
    public DigitRecords Select(ReadOnlySpan<int> indices)
    {
        var selectedPixels = new byte[indices.Length * MnistFile.PixelsPerImage];
        var selectedLabels = new byte[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            selectedLabels[i] = labels[indices[i]];
            Image(indices[i]).CopyTo(selectedPixels.AsSpan(i * MnistFile.PixelsPerImage));
        }
        return new DigitRecords(selectedPixels, selectedLabels);
    }

    /// <summary>The same images, each labelled <paramref name="relabel"/>(its label).</summary>
    public DigitRecords Relabel(Func<byte, byte> relabel) => new(pixels, Array.ConvertAll(labels, label => relabel(label)));

    /// <summary>These digits followed by <paramref name="more"/>.</summary>
    public DigitRecords Concat(DigitRecords more) => new([.. pixels, .. more.Bytes], [.. labels, .. more.Labels]);

    /// <summary>The same images with every label 0: digits whose labels the jail must not see.</summary>
    public DigitRecords WithoutLabels() => new(pixels, new byte[labels.Length]);

    /// <summary>The digits whose label <paramref name="keep"/> accepts, in their order.</summary>
    public DigitRecords Where(Func<byte, bool> keep) =>
        Select(Enumerable.Range(0, Count).Where(i => keep(labels[i])).ToArray());

    /// <summary>These digits in the <see cref="MnistFile"/> file format.</summary>
    public byte[] ToFile() => MnistFile.Write(this);

    /// <summary>The pixels of all images in [0, 1], row-major [N, 784].</summary>
    public float[] Pixels() => Array.ConvertAll(pixels, pixel => pixel / 255f);

    /// <summary>Images [N, 1, 28, 28] with pixels in [0, 1] and labels [N], on the CPU (needs libtorch).</summary>
    public DigitTensors ToTensors() =>
        new(
            tensor(Pixels(), [Count, 1, MnistFile.ImageSize, MnistFile.ImageSize]),
            tensor(labels.Select(label => (long)label).ToArray(), [Count]));
}
