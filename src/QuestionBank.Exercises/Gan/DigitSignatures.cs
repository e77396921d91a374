using System.Numerics;

namespace QuestionBank.Exercises.Gan;

/// <summary>
/// Digits as points where copies land next to their originals: pixels fainter than <see cref="Ink"/> are
/// dropped (undoing light noise), each image is moved so that its centre of mass sits in the middle
/// (undoing shifts), blurred with a 5×5 binomial kernel and averaged over
/// 2×2 blocks to 14×14 (smoothing noise and light blur away), centred on its mean and scaled to unit
/// length (undoing contrast). Two digits'
/// <see cref="Distance"/> is the Euclidean distance of their signatures, 0 to 2.
/// </summary>
public static class DigitSignatures
{
    public const int Size = MnistFile.ImageSize / 2;
    public const int Length = Size * Size;

    /// <summary>The faintest pixel that counts as ink: light noise on the background stays below it.</summary>
    public const float Ink = 0.3f;

    /// <summary>The signatures [count, <see cref="Length"/>] of <paramref name="pixels"/> ([count, 784], in [0, 1]).</summary>
    public static float[] Compute(ReadOnlySpan<float> pixels, int count)
    {
        var signatures = new float[count * Length];
        for (var i = 0; i < count; i++)
        {
            Compute(pixels.Slice(i * MnistFile.PixelsPerImage, MnistFile.PixelsPerImage), signatures.AsSpan(i * Length, Length));
        }
        return signatures;
    }

    private static void Compute(ReadOnlySpan<float> image, Span<float> signature)
    {
        const int size = MnistFile.ImageSize;
        double mass = 0, sumX = 0, sumY = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var value = image[y * size + x] >= Ink ? image[y * size + x] : 0;
                mass += value;
                sumX += value * x;
                sumY += value * y;
            }
        }
        var (shiftX, shiftY) = mass > 0 ? (sumX / mass - (size - 1) / 2.0, sumY / mass - (size - 1) / 2.0) : (0, 0);
        Span<float> centred = stackalloc float[MnistFile.PixelsPerImage];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var value = Judging.HeldOutDigits.Bilinear(image, x + shiftX, y + shiftY);
                centred[y * size + x] = value >= Ink ? value : 0;
            }
        }
        Span<float> blurred = stackalloc float[MnistFile.PixelsPerImage];
        Blur(centred, blurred, 1);
        Blur(blurred, centred, size);
        // Each block of the signature averages four pixels of the centred, blurred image.
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                signature[y / 2 * Size + x / 2] += centred[y * size + x] / 4;
            }
        }
        var mean = 0f;
        foreach (var value in signature)
        {
            mean += value / Length;
        }
        var norm = 0f;
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] -= mean;
            norm += signature[i] * signature[i];
        }
        norm = MathF.Sqrt(norm);
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = norm > 1e-6f ? signature[i] / norm : 0;
        }
        if (norm <= 1e-6f)
        {
            // A blank (or flat) image: one signature for all of them, so they are duplicates of each other.
            signature[0] = 1;
        }
    }

    /// <summary>A [1, 4, 6, 4, 1] / 16 blur of a 28×28 image along one axis (<paramref name="step"/> 1: rows, 28: columns), 0 outside it.</summary>
    private static void Blur(ReadOnlySpan<float> image, Span<float> blurred, int step)
    {
        ReadOnlySpan<float> kernel = [1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f];
        const int size = MnistFile.ImageSize;
        for (var i = 0; i < image.Length; i++)
        {
            var position = step == 1 ? i % size : i / size;
            var sum = 0f;
            for (var k = -2; k <= 2; k++)
            {
                sum += position + k is >= 0 and < size ? kernel[k + 2] * image[i + k * step] : 0;
            }
            blurred[i] = sum;
        }
    }

    /// <summary>The distance between two signatures.</summary>
    public static float Distance(ReadOnlySpan<float> first, ReadOnlySpan<float> second) =>
        MathF.Sqrt(Math.Max(0, 2 - 2 * Dot(first, second)));

    /// <summary>
    /// For each of <paramref name="queries"/>' signatures, the distance to the nearest of <paramref name="pool"/>'s;
    /// with <paramref name="earlierOnly"/> (queries and pool the same), to the nearest one before it (the first gets 2).
    /// </summary>
    public static float[] Nearest(float[] queries, float[] pool, bool earlierOnly = false)
    {
        var queryCount = queries.Length / Length;
        var poolCount = pool.Length / Length;
        var nearest = new float[queryCount];
        Parallel.For(0, queryCount, q =>
        {
            var query = queries.AsSpan(q * Length, Length);
            var best = -1f;
            for (var p = 0; p < (earlierOnly ? q : poolCount); p++)
            {
                best = Math.Max(best, Dot(query, pool.AsSpan(p * Length, Length)));
            }
            nearest[q] = MathF.Sqrt(Math.Max(0, 2 - 2 * best));
        });
        return nearest;
    }

    private static float Dot(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= first.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(first[i..]) * new Vector<float>(second[i..]);
        }
        var total = Vector.Sum(sum);
        for (; i < first.Length; i++)
        {
            total += first[i] * second[i];
        }
        return total;
    }
}
