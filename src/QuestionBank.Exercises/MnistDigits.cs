using System.Buffers.Binary;
using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>
/// Reads the digits that scripts/mnist-to-binary.mjs wrote and splits them 8,000 / 2,000 after a
/// shuffle with a fixed seed, so every run and every judge sees the same split.
/// </summary>
public static class MnistDigits
{
    public const string FileName = "mnist.bin";
    public const int TrainCount = 8000;
    public const int ImageSize = 28;
    private const int PixelsPerImage = ImageSize * ImageSize;
    private const int SplitSeed = 20_241_125;
    private static readonly byte[] Magic = "QBMNIST1"u8.ToArray();

    public static (MnistSplit Train, MnistSplit Test) Load(byte[] file)
    {
        if (file.Length < 12 || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{FileName} is not in the QBMNIST1 format; run scripts/prepare-sandbox.sh.");
        }
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8, 4));
        if (file.Length != 12 + count * (1 + PixelsPerImage) || count <= TrainCount)
        {
            throw new InvalidDataException($"{FileName} is truncated; run scripts/prepare-sandbox.sh again.");
        }

        var order = Enumerable.Range(0, count).ToArray();
        new Random(SplitSeed).Shuffle(order);
        return (Slice(file, order.AsSpan(0, TrainCount)), Slice(file, order.AsSpan(TrainCount)));
    }

    private static MnistSplit Slice(byte[] file, ReadOnlySpan<int> records)
    {
        var pixels = new float[records.Length * PixelsPerImage];
        var labels = new long[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var offset = 12 + records[i] * (1 + PixelsPerImage);
            labels[i] = file[offset];
            for (var p = 0; p < PixelsPerImage; p++)
            {
                pixels[i * PixelsPerImage + p] = file[offset + 1 + p] / 255f;
            }
        }
        return new MnistSplit(
            tensor(pixels, [records.Length, 1, ImageSize, ImageSize]),
            tensor(labels, [records.Length]));
    }
}
