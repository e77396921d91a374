namespace QuestionBank.Exercises.Judging;

/// <summary>
/// Held-out digits as one run shows them: each one turned, scaled and moved by amounts of its own,
/// drawn for the run (within ±<see cref="MaxDegrees"/>°, ±<see cref="MaxScale"/>, ±<see cref="MaxShift"/>
/// pixels), with light Gaussian noise (σ <see cref="Noise"/>). A classifier trained on digits takes such
/// changes in its stride; a table of the public held-out digits' pixels finds none of them.
/// </summary>
public static class HeldOutDigits
{
    public const double MaxDegrees = 4;
    public const double MaxScale = 0.04;
    public const double MaxShift = 1;
    public const double Noise = 0.03;

    /// <summary>The pixels ([count, 784], in [0, 1]) of <paramref name="digits"/>, each distorted with draws from <paramref name="random"/>.</summary>
    public static float[] Distort(DigitRecords digits, Random random)
    {
        var source = digits.Pixels();
        var shown = new float[source.Length];
        for (var i = 0; i < digits.Count; i++)
        {
            Distort(source.AsSpan(i * MnistFile.PixelsPerImage, MnistFile.PixelsPerImage),
                shown.AsSpan(i * MnistFile.PixelsPerImage, MnistFile.PixelsPerImage), random);
        }
        return shown;
    }

    private static void Distort(ReadOnlySpan<float> image, Span<float> shown, Random random)
    {
        const double centre = (MnistFile.ImageSize - 1) / 2.0;
        var angle = Uniform(random, MaxDegrees) * Math.PI / 180;
        var scale = 1 + Uniform(random, MaxScale);
        var (shiftX, shiftY) = (Uniform(random, MaxShift), Uniform(random, MaxShift));
        var (cos, sin) = (Math.Cos(angle) / scale, Math.Sin(angle) / scale);
        for (var y = 0; y < MnistFile.ImageSize; y++)
        {
            for (var x = 0; x < MnistFile.ImageSize; x++)
            {
                // Where the output pixel comes from: the inverse of the shift, then of the turn and scale.
                var (dx, dy) = (x - centre - shiftX, y - centre - shiftY);
                var value = Bilinear(image, centre + cos * dx + sin * dy, centre - sin * dx + cos * dy)
                    + Noise * SecretRandom.Gaussian(random);
                shown[y * MnistFile.ImageSize + x] = Math.Clamp((float)value, 0, 1);
            }
        }
    }

    private static double Uniform(Random random, double limit) => (random.NextDouble() * 2 - 1) * limit;

    /// <summary>A 28×28 image's value at (<paramref name="x"/>, <paramref name="y"/>), interpolated bilinearly, 0 outside it.</summary>
    public static float Bilinear(ReadOnlySpan<float> image, double x, double y)
    {
        var (left, top) = ((int)Math.Floor(x), (int)Math.Floor(y));
        var (fx, fy) = ((float)(x - left), (float)(y - top));
        return (1 - fy) * ((1 - fx) * At(image, left, top) + fx * At(image, left + 1, top))
            + fy * ((1 - fx) * At(image, left, top + 1) + fx * At(image, left + 1, top + 1));
    }

    private static float At(ReadOnlySpan<float> image, int column, int row) =>
        column is >= 0 and < MnistFile.ImageSize && row is >= 0 and < MnistFile.ImageSize ? image[row * MnistFile.ImageSize + column] : 0;
}
