using System.IO.Compression;
using System.Text;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Small real images and zips of them, made in the test: no network, no fixture files.</summary>
public static class TestImages
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A valid 1×1 GIF.</summary>
    public static byte[] Gif { get; } = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>The start of a JFIF file: all a format check reads.</summary>
    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8, 0];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A zip holding the entries, by their paths as given (hostile ones too).</summary>
    public static byte[] Zip(params (string Path, byte[] Content)[] entries) => Zip(CompressionLevel.Fastest, entries);

    /// <summary>A zip of the entries packed at the given level (NoCompression: as large as what it holds, as a zip of figures nearly is).</summary>
    public static byte[] Zip(CompressionLevel level, params (string Path, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var stream = zip.CreateEntry(path, level).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
