using System.Buffers.Binary;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>
/// Digits in the QBMNIST1 format whose first pixel gives their label away (label × 20), so a
/// perfect model is easy to write, and whose next two pixels number them, so each is told apart.
/// </summary>
internal static class SyntheticDigits
{
    public static byte[] File(int count)
    {
        var file = new byte[12 + count * 785];
        "QBMNIST1"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)count);
        for (var i = 0; i < count; i++)
        {
            var label = (byte)(i % 10);
            file[12 + i * 785] = label;
            file[12 + i * 785 + 1] = (byte)(label * 20);
            file[12 + i * 785 + 2] = (byte)(i & 0xFF);
            file[12 + i * 785 + 3] = (byte)(i >> 8);
        }
        return file;
    }

    /// <summary>The label that an image's first pixel (scaled to [0, 1]) gives away.</summary>
    public static int Label(ReadOnlySpan<float> image) => (int)Math.Round(image[0] * 255 / 20);

    /// <summary>Perfect scores [count, 10] for <paramref name="pixels"/> of synthetic digits.</summary>
    public static float[] PerfectScores(float[] pixels, int count)
    {
        var scores = new float[count * 10];
        for (var i = 0; i < count; i++)
        {
            scores[i * 10 + Label(pixels.AsSpan(i * 784))] = 1;
        }
        return scores;
    }
}
