using System.Security.Cryptography;
using System.Text;
using Markdig;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Importing;

/// <summary>An image file of an upload, checked: it is an image of <paramref name="Format"/> (whatever its name claims) within the size limit.</summary>
internal sealed record UploadedImage(string Name, ImageFormat Format, byte[] Content, string Sha256);

/// <summary>A parsed document with the images it names: those the upload holds and, as warnings, those it lacks.</summary>
/// <param name="Parsed">The document.</param>
/// <param name="Images">Its images: normalized path relative to the document to the uploaded file.</param>
/// <param name="ImageWarnings">A warning, with its line, for every image the upload lacks or whose name lies about its format.</param>
/// <param name="ContentHash">The document's hash, combined with its images' when it has any, so new images are a change.</param>
internal sealed record DocumentUpload(
    ParsedDocument Parsed,
    IReadOnlyDictionary<string, UploadedImage> Images,
    IReadOnlyList<DocumentWarning> ImageWarnings,
    string ContentHash);

/// <summary>
/// The image files of one upload, by their path in it. A file is checked when a document names it, so
/// files no document shows (a stray BMP, a draft) are ignored rather than refused.
/// </summary>
internal sealed class UploadedImages
{
    private readonly Dictionary<string, ImportFile> byPath = new(StringComparer.Ordinal);
    private readonly ILookup<string, ImportFile> byFileName;
    private readonly Dictionary<string, (UploadedImage Image, bool Mislabelled)> checkedFiles = new(StringComparer.Ordinal);

    public UploadedImages(IEnumerable<ImportFile> files)
    {
        foreach (var file in files)
        {
            byPath[ImagePaths.Normalize(file.Name) ?? file.Name] = file;
        }

        // Only files uploaded without their folders are found by name: in a repository, chapter 4's
        // image21.jpeg must never stand in for the English chapter 4's.
        byFileName = byPath.Values.Where(f => !f.Name.Contains('/')).ToLookup(f => Path.GetFileName(f.Name), StringComparer.Ordinal);
    }

    /// <exception cref="DocumentParseException">The file is too large or is no image.</exception>
    private (UploadedImage Image, bool Mislabelled) Check(ImportFile file)
    {
        if (!checkedFiles.TryGetValue(file.Name, out var result))
        {
            var (format, mislabelled) = ImageFormat.Check(file.Name, file.Content);
            result = (new UploadedImage(file.Name, format, file.Content, Convert.ToHexStringLower(SHA256.HashData(file.Content))), mislabelled);
            checkedFiles[file.Name] = result;
        }

        return result;
    }

    /// <summary>
    /// Finds the images the document names by relative paths: by their path from the document's folder,
    /// else (several files uploaded without their folders) by a file name only one image uploaded without a folder has.
    /// An image whose name claims another format than its bytes is stored as what it is, with a warning.
    /// </summary>
    /// <exception cref="DocumentParseException">A file the document names is too large or is no image.</exception>
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
                    ImportMessages.ImagePathTooLong.With(DocumentImage.MaxPathLength)));
            }
            else if (Find(document, reference.Path) is { } file)
            {
                var (image, mislabelled) = Check(file);
                found[reference.Path] = image;
                if (mislabelled)
                {
                    missing.Add(new DocumentWarning(reference.Line,
                        ImportMessages.ImageMislabelled.With(reference.Path, image.Format.Extension)));
                }
            }
            else
            {
                missing.Add(new DocumentWarning(
                    reference.Line, ImportMessages.ImageMissing.With(reference.Path)));
            }
        }

        missing.AddRange(ImageReferences.OnAuthorsDisk(document.Markdown, pipeline).Select(image => new DocumentWarning(
            image.Line, ImportMessages.ImageOnAuthorsDisk.With(image.Path))));
        return new DocumentUpload(document, found, missing, ContentHash(document, found));
    }

    private ImportFile? Find(ParsedDocument document, string path) =>
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
