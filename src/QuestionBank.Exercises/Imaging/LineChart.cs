namespace QuestionBank.Exercises.Imaging;

/// <summary>Draws a series as a simple line chart PNG (a training curve, episode returns).</summary>
public static class LineChart
{
    private const int Width = 480;
    private const int Height = 240;
    private const int Margin = 16;

    public static byte[] Render(IReadOnlyList<double> values)
    {
        var canvas = new byte[Width * Height * 3];
        Array.Fill(canvas, (byte)255);
        DrawLine(canvas, Margin, Height - Margin, Width - Margin, Height - Margin, (160, 160, 160));
        DrawLine(canvas, Margin, Margin, Margin, Height - Margin, (160, 160, 160));

        if (values.Count > 0)
        {
            var min = values.Min();
            var max = values.Max();
            var span = max > min ? max - min : 1;
            (int X, int Y) Point(int i) => (
                Margin + (int)Math.Round((Width - 2 * Margin) * (values.Count == 1 ? 0.5 : (double)i / (values.Count - 1))),
                Height - Margin - (int)Math.Round((Height - 2 * Margin) * (values[i] - min) / span));
            var previous = Point(0);
            for (var i = 1; i < values.Count; i++)
            {
                var next = Point(i);
                DrawLine(canvas, previous.X, previous.Y, next.X, next.Y, (37, 99, 235));
                previous = next;
            }
        }
        return PngEncoder.Encode(Width, Height, canvas, rgb: true);
    }

    // Bresenham's line.
    private static void DrawLine(byte[] canvas, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            var offset = (y0 * Width + x0) * 3;
            canvas[offset] = color.R;
            canvas[offset + 1] = color.G;
            canvas[offset + 2] = color.B;
            if (x0 == x1 && y0 == y1)
            {
                return;
            }
            var doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += sx;
            }
            if (doubled <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }
}
