using System.Buffers.Binary;
using System.IO.Compression;
using QuestionBank.Exercises.Imaging;

namespace QuestionBank.Exercises.Tests.Imaging;

public sealed class PngEncoderTests
{
    [Fact]
    public void EncodesAGrayscaleImageThatDecodesToTheSamePixels()
    {
        byte[] pixels = [0, 64, 128, 255, 10, 20];

        var png = PngEncoder.Encode(3, 2, pixels);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal([8, 0], png[24..26]);

        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var rows = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress))
        {
            zlib.CopyTo(rows);
        }
        Assert.Equal([0, 0, 64, 128, 0, 255, 10, 20], rows.ToArray());
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Fact]
    public void ChunkChecksumsAreTheStandardCrc32()
    {
        var png = PngEncoder.Encode(1, 1, [0]);

        // The IEND chunk has no data; its CRC over "IEND" is the well-known AE 42 60 82.
        Assert.Equal([0xAE, 0x42, 0x60, 0x82], png[^4..]);
    }

    [Fact]
    public void RefusesAPixelBufferOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[3]));

    [Fact]
    public void LineChartRendersAnRgbPng()
    {
        var png = LineChart.Render([1, 5, 3, 9, 7]);

        Assert.Equal(480, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(240, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(2, png[25]);
    }
}
