using System.Security.Cryptography;
using System.Text;
using Markdig;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Importing;

/// <summary>An image file of an upload, checked: its format matches its name and it is within the size limit.</summary>
internal sealed record UploadedImage(string Name, ImageFormat Format, byte[] Content, string Sha256);

/// <summary>A parsed document with the images it names: those the upload holds and, as warnings, those it lacks.</summary>
/// <param name="Parsed">The document.</param>
/// <param name="Images">Its images: normalized path relative to the document to the uploaded file.</param>
/// <param name="MissingImages">A warning, with its line, for every image the upload lacks.</param>
/// <param name="ContentHash">The document's hash, combined with its images' when it has any, so new images are a change.</param>
internal sealed record DocumentUpload(
    ParsedDocument Parsed,
    IReadOnlyDictionary<string, UploadedImage> Images,
    IReadOnlyList<DocumentWarning> MissingImages,
    string ContentHash);

/// <summary>The images of one upload, by their path in it.</summary>
internal sealed class UploadedImages
{
    private readonly Dictionary<string, UploadedImage> byPath = new(StringComparer.Ordinal);
    private readonly ILookup<string, UploadedImage> byFileName;

    private UploadedImages(IEnumerable<UploadedImage> images)
    {
        foreach (var image in images)
        {
            byPath[ImagePaths.Normalize(image.Name) ?? image.Name] = image;
        }

        byFileName = byPath.Values.ToLookup(i => Path.GetFileName(i.Name), StringComparer.Ordinal);
    }

    /// <summary>Checks every image file.</summary>
    /// <exception cref="DocumentParseException">A file is too large or is not the image its extension claims.</exception>
    public static UploadedImages Check(IEnumerable<ImportFile> files) => new(files.Select(file =>
        new UploadedImage(file.Name, ImageFormat.Check(file.Name, file.Content), file.Content, Convert.ToHexStringLower(SHA256.HashData(file.Content)))));

    /// <summary>
    /// Finds the images the document names by relative paths: by their path from the document's folder,
    /// else (several files uploaded without their folders) by a file name only one uploaded image has.
    /// </summary>
    public DocumentUpload Resolve(ParsedDocument document, MarkdownPipeline pipeline)
    {
        var found = new SortedDictionary<string, UploadedImage>(StringComparer.Ordinal);
        var missing = new List<DocumentWarning>();
        foreach (var reference in ImageReferences.Find(document.Markdown, pipeline))
        {
            if (found.ContainsKey(reference.Path))
            {
                continue;
            }

            if (reference.Path.Length > DocumentImage.MaxPathLength)
            {
                missing.Add(new DocumentWarning(reference.Line,
                    $"An image path is longer than {DocumentImage.MaxPathLength} characters; the page shows its alt text instead."));
            }
            else if (Find(document, reference.Path) is { } image)
            {
                found[reference.Path] = image;
            }
            else
            {
                missing.Add(new DocumentWarning(
                    reference.Line, $"The image “{reference.Path}” is not in the upload; the page shows its alt text instead."));
            }
        }

        return new DocumentUpload(document, found, missing, ContentHash(document, found));
    }

    private UploadedImage? Find(ParsedDocument document, string path) =>
        byPath.GetValueOrDefault(ImagePaths.Combine(document.SourceName, path))
        ?? (byFileName[Path.GetFileName(path)].ToList() is [var only] ? only : null);

    private static string ContentHash(ParsedDocument document, SortedDictionary<string, UploadedImage> images)
    {
        if (images.Count == 0)
        {
            return document.ContentHash;
        }

        var text = new StringBuilder(document.ContentHash);
        foreach (var (path, image) in images)
        {
            text.Append('\n').Append(path).Append('=').Append(image.Sha256);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
