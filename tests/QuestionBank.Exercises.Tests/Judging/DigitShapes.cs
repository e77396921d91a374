namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>Digit-like 28×28 images drawn from shapes (pixels in [0, 1]), for judges that compare what digits look like.</summary>
internal static class DigitShapes
{
    /// <summary>A ring ("0") of radius <paramref name="radius"/> centred at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static float[] Ring(double x, double y, double radius) =>
        Draw((column, row) => Math.Abs(Math.Sqrt((column - x) * (column - x) + (row - y) * (row - y)) - radius) < 1.5);

    /// <summary>A bar ("1") from (<paramref name="x"/>, 5) to (<paramref name="x"/> + <paramref name="slant"/>, 22).</summary>
    public static float[] Bar(double x, double slant) =>
        Draw((column, row) => row is >= 5 and <= 22 && Math.Abs(column - (x + slant * (row - 5) / 17)) < 1.5);

    /// <summary><paramref name="image"/> moved by (<paramref name="dx"/>, <paramref name="dy"/>) pixels, blurred over 3 pixels across, with Gaussian noise of σ <paramref name="noise"/>.</summary>
    public static float[] Perturb(float[] image, int dx, int dy, double noise, Random random)
    {
        var result = new float[784];
        for (var y = 0; y < 28; y++)
        {
            for (var x = 0; x < 28; x++)
            {
                float sum = 0;
                for (var k = -1; k <= 1; k++)
                {
                    var (sx, sy) = (x - dx + k, y - dy);
                    sum += sx is >= 0 and < 28 && sy is >= 0 and < 28 ? image[sy * 28 + sx] * (k == 0 ? 0.5f : 0.25f) : 0;
                }
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                result[y * 28 + x] = Math.Clamp(sum + (float)(noise * gaussian), 0, 1);
            }
        }
        return result;
    }

    private static float[] Draw(Func<int, int, bool> inside)
    {
        var image = new float[784];
        for (var y = 0; y < 28; y++)
        {
            for (var x = 0; x < 28; x++)
            {
                image[y * 28 + x] = inside(x, y) ? 1 : 0;
            }
        }
        return image;
    }
}
