using static TorchSharp.torch;

namespace QuestionBank.Exercises.Imaging;

/// <summary>Tiles 28x28 images into one PNG, for a glance at what a generator makes.</summary>
public static class DigitGrid
{
    /// <summary>Draws the first <paramref name="columns"/>² of <paramref name="images"/> ([N, 1, 28, 28] or [N, 784], pixels in [0, 1]).</summary>
    public static byte[] Render(Tensor images, int columns = 8) =>
        Render(images.detach().cpu().reshape(images.shape[0], MnistFile.PixelsPerImage).data<float>().ToArray(), columns);

    /// <summary>Draws the first <paramref name="columns"/>² images of <paramref name="pixels"/> (784 a digit, in [0, 1]).</summary>
    public static byte[] Render(ReadOnlySpan<float> pixels, int columns = 8)
    {
        const int size = MnistFile.ImageSize;
        const int gap = 2;
        var count = Math.Min(pixels.Length / MnistFile.PixelsPerImage, columns * columns);
        var rows = (count + columns - 1) / columns;

        var width = columns * (size + gap) + gap;
        var height = rows * (size + gap) + gap;
        var canvas = new byte[width * height];
        for (var i = 0; i < count; i++)
        {
            var left = gap + i % columns * (size + gap);
            var top = gap + i / columns * (size + gap);
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var value = pixels[i * size * size + y * size + x];
                    canvas[(top + y) * width + left + x] = (byte)(float.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1) * 255);
                }
            }
        }
        return PngEncoder.Encode(width, height, canvas);
    }
}
