namespace QuestionBank.Exercises.Imaging;

/// <summary>
/// Draws a confusion matrix as a grey PNG: a row per true class, a column per predicted class, each
/// cell the darker the larger its share of the row (a good classifier shows a dark diagonal).
/// </summary>
public static class ConfusionMatrix
{
    private const int Cell = 24;
    private const int Gap = 2;

    /// <summary>Draws <paramref name="counts"/>[true class, predicted class].</summary>
    public static byte[] Render(int[,] counts)
    {
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        var width = columns * (Cell + Gap) + Gap;
        var height = rows * (Cell + Gap) + Gap;
        var canvas = new byte[width * height];
        Array.Fill(canvas, (byte)255);
        for (var row = 0; row < rows; row++)
        {
            var total = 0;
            for (var column = 0; column < columns; column++)
            {
                total += counts[row, column];
            }
            for (var column = 0; column < columns; column++)
            {
                var share = total == 0 ? 0 : (double)counts[row, column] / total;
                var shade = (byte)Math.Round(235 * (1 - share));
                for (var y = 0; y < Cell; y++)
                {
                    canvas.AsSpan((Gap + row * (Cell + Gap) + y) * width + Gap + column * (Cell + Gap), Cell).Fill(shade);
                }
            }
        }
        return PngEncoder.Encode(width, height, canvas);
    }
}
