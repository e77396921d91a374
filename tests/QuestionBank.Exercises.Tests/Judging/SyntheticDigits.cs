using System.Buffers.Binary;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>
/// Digits in the QBMNIST1 format whose pixels give their label away (every pixel label × 20 but
/// the second and third, which number them, so each is told apart), so a perfect model is easy to
/// write, also for the slightly turned, scaled, moved and noised digits a judge shows.
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
            file.AsSpan(12 + i * 785 + 1, 784).Fill((byte)(label * 20));
            file[12 + i * 785 + 2] = (byte)(i & 0xFF);
            file[12 + i * 785 + 3] = (byte)(i >> 8);
        }
        return file;
    }

    /// <summary>The label that an image's pixels (scaled to [0, 1]) give away: the mean of its central 8×8 block, which distortions keep.</summary>
    public static int Label(ReadOnlySpan<float> image)
    {
        var sum = 0f;
        for (var y = 10; y < 18; y++)
        {
            for (var x = 10; x < 18; x++)
            {
                sum += image[y * 28 + x];
            }
        }
        return (int)Math.Round(sum / 64 * 255 / 20);
    }

    /// <summary>For each label shown to the jail in <paramref name="trainingFile"/>, the digit it stands for.</summary>
    public static Dictionary<int, int> ShownLabels(byte[] trainingFile)
    {
        var training = MnistFile.Read(trainingFile);
        var pixels = training.Pixels();
        return Enumerable.Range(0, training.Count)
            .DistinctBy(i => training.Labels[i])
            .ToDictionary(i => Label(pixels.AsSpan(i * 784, 784)), i => (int)training.Labels[i]);
    }

    /// <summary>Perfect scores [count, 10] for <paramref name="pixels"/> of synthetic digits.</summary>
    public static float[] PerfectScores(float[] pixels, int count, Func<int, int>? shown = null)
    {
        var scores = new float[count * 10];
        for (var i = 0; i < count; i++)
        {
            var label = Label(pixels.AsSpan(i * 784));
            scores[i * 10 + (shown is null ? label : shown(label))] = 1;
        }
        return scores;
    }
}
