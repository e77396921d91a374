namespace QuestionBank.Data.Entities;

/// <summary>An imported image, stored once however many documents show it: its key is the SHA-256 of its bytes.</summary>
public sealed class StoredImage
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The canonical extension of its checked format, without the dot (<c>png</c>, <c>svg</c>, …).</summary>
    public required string Extension { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The image's stable file name, <c>{sha256}.{extension}</c>, as it is served.</summary>
    public static string FileName(string sha256, string extension) => $"{sha256}.{extension}";
}

/// <summary>
/// A path a document's markdown names (normalized, relative to the document) and the image an import
/// found for it. An import that changes a document records its images again; the page shows those of
/// the latest import that is not rolled back, so a rollback removes its rows and the previous ones show.
/// </summary>
public sealed class DocumentImage
{
    /// <summary>The longest path a document may name an image by.</summary>
    public const int MaxPathLength = 1000;

    public long Id { get; set; }

    public long DocumentId { get; set; }

    public long ImportRecordId { get; set; }

    public required string Path { get; set; }

    public required string ImageSha256 { get; set; }

    public StoredImage Image { get; set; } = null!;
}
