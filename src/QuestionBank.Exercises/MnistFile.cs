using System.Buffers.Binary;

namespace QuestionBank.Exercises;

/// <summary>
/// Reads and writes the digits that scripts/mnist-to-binary.mjs wrote ("QBMNIST1", a count, then a
/// label byte and 784 pixel bytes per digit) and splits them 8,000 / 2,000 after a shuffle with a
/// fixed seed, so every run trains on the same digits and every judge holds out the same ones.
/// </summary>
public static class MnistFile
{
    public const string FileName = "mnist.bin";
    public const int TrainCount = 8000;
    public const int ImageSize = 28;
    public const int PixelsPerImage = ImageSize * ImageSize;
    private const int HeaderLength = 12;
    private const int SplitSeed = 20_241_125;
    private static readonly byte[] Magic = "QBMNIST1"u8.ToArray();

    public static DigitRecords Read(byte[] file)
    {
        if (file.Length < HeaderLength || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{FileName} is not in the QBMNIST1 format; run scripts/prepare-sandbox.sh.");
        }
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8, 4));
        if (file.Length != HeaderLength + count * (1 + PixelsPerImage))
        {
            throw new InvalidDataException($"{FileName} is truncated; run scripts/prepare-sandbox.sh again.");
        }
        var labels = new byte[count];
        var pixels = new byte[count * PixelsPerImage];
        for (var i = 0; i < count; i++)
        {
            var offset = HeaderLength + i * (1 + PixelsPerImage);
            labels[i] = file[offset];
            file.AsSpan(offset + 1, PixelsPerImage).CopyTo(pixels.AsSpan(i * PixelsPerImage));
        }
        return new DigitRecords(pixels, labels);
    }

    /// <summary>The training digits and the held-out digits.</summary>
    public static (DigitRecords Train, DigitRecords Test) Split(DigitRecords all)
    {
        if (all.Count <= TrainCount)
        {
            throw new InvalidDataException($"{FileName} has {all.Count} digits; the split needs more than {TrainCount}.");
        }
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(SplitSeed).Shuffle(order);
        return (all.Select(order.AsSpan(0, TrainCount)), all.Select(order.AsSpan(TrainCount)));
    }

    internal static byte[] Write(DigitRecords records)
    {
        var file = new byte[HeaderLength + records.Count * (1 + PixelsPerImage)];
        Magic.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8, 4), (uint)records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var offset = HeaderLength + i * (1 + PixelsPerImage);
            file[offset] = records.Labels[i];
            records.Image(i).CopyTo(file.AsSpan(offset + 1));
        }
        return file;
    }
}
