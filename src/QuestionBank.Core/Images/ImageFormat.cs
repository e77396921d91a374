using System.Xml;
using QuestionBank.Core.Documents;

namespace QuestionBank.Core.Images;

/// <summary>An image format the bank stores: its canonical extension and the content type it is served with.</summary>
/// <param name="Extension">The canonical extension, without the dot: <c>png</c>, <c>jpg</c>, <c>gif</c>, <c>webp</c>, <c>bmp</c>, <c>svg</c>.</param>
/// <param name="ContentType">The media type the image is served with.</param>
public sealed record ImageFormat(string Extension, string ContentType)
{
    /// <summary>Largest image an import accepts.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly ImageFormat Png = new("png", "image/png");
    private static readonly ImageFormat Jpeg = new("jpg", "image/jpeg");
    private static readonly ImageFormat Gif = new("gif", "image/gif");
    private static readonly ImageFormat Webp = new("webp", "image/webp");
    private static readonly ImageFormat Bmp = new("bmp", "image/bmp");
    private static readonly ImageFormat Svg = new("svg", "image/svg+xml");

    // The raster formats a browser shows, tried in turn when a file is not what its name claims.
    private static readonly ImageFormat[] Raster = [Png, Jpeg, Gif, Webp, Bmp];

    private static readonly Dictionary<string, ImageFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".gif"] = Gif,
        [".webp"] = Webp,
        [".bmp"] = Bmp,
        [".svg"] = Svg,
    };

    /// <summary>The format a file name claims by its extension, or null when it names no image the bank stores.</summary>
    public static ImageFormat? FromName(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName));

    /// <summary>
    /// The format of <paramref name="content"/>: the one its name claims when the bytes are that image,
    /// else the raster image the bytes really are (a PNG named <c>.jpg</c> is a PNG, as browsers show it).
    /// </summary>
    /// <param name="fileName">The file's name; its extension says which format the content should be.</param>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The real format, and whether the name claims another one.</returns>
    /// <exception cref="DocumentParseException">The file is larger than <see cref="MaxBytes"/>, or is no image the bank stores.</exception>
    public static (ImageFormat Format, bool Mislabelled) Check(string fileName, byte[] content)
    {
        var format = FromName(fileName) ?? throw new DocumentParseException(fileName, null, ImportMessages.NotAnImage.With());
        if (content.Length > MaxBytes)
        {
            throw new DocumentParseException(
                fileName, null, ImportMessages.ImageTooLarge.With((content.Length / (1024.0 * 1024)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture), MaxBytes / (1024 * 1024)));
        }

        if (format.Matches(content))
        {
            return (format, false);
        }

        // An SVG is never taken for anything else, nor anything for an SVG: only raster bytes may carry another name.
        return Raster.FirstOrDefault(real => real.Matches(content)) is { } actual
            ? (actual, true)
            : throw new DocumentParseException(fileName, null, ImportMessages.ImageNotItsFormat.With(format.Extension));
    }

    private bool Matches(ReadOnlySpan<byte> content) => Extension switch
    {
        "png" => content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "jpg" => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "gif" => content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8),
        "webp" => content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8),
        "bmp" => content.Length >= 26 && content.StartsWith("BM"u8),
        _ => IsSvg(content.ToArray()),
    };

    /// <summary>Whether the bytes are well-formed XML whose root element is <c>svg</c>; no DTD, no external entity is read.</summary>
    private static bool IsSvg(byte[] content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "svg")
            {
                return false;
            }

            while (reader.Read())
            {
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
