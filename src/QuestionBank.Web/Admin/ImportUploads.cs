using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Admin;

/// <summary>Turns uploaded or pasted markdown, images and zips of them into files for the importer, refusing what they cannot be.</summary>
public static class ImportUploads
{
    /// <summary>Reads the uploads as they are; zips stay whole (see <see cref="Expand"/>).</summary>
    /// <exception cref="DocumentParseException">A file is not markdown, an image or a zip, or is too large.</exception>
    public static async Task<List<ImportFile>> ReadAsync(IEnumerable<IFormFile> uploads, CancellationToken cancellationToken)
    {
        var files = new List<ImportFile>();
        foreach (var upload in uploads)
        {
            var name = Path.GetFileName(upload.FileName);
            if (!ImportArchive.IsImportable(name) && !ImportArchive.IsArchive(name))
            {
                throw new DocumentParseException(name, null, ImportMessages.NotImportable.With());
            }

            // Checked before reading so an oversized upload is not buffered; the importer checks again.
            // A zip is bounded by the request limit and checked as it is unpacked.
            if (!ImportArchive.IsArchive(name))
            {
                DocumentImporter.EnsureWithinSizeLimit(name, upload.Length);
            }

            using var buffer = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(buffer, cancellationToken);
            files.Add(new ImportFile(name, buffer.ToArray()));
        }

        return files;
    }

    /// <summary>The files to import: each zip replaced by the markdown and images in it.</summary>
    /// <exception cref="DocumentParseException">A zip is refused (see <see cref="ImportArchive"/>).</exception>
    public static List<ImportFile> Expand(IEnumerable<ImportFile> uploads, ArchiveLimits limits) =>
        uploads.SelectMany(file => ImportArchive.IsArchive(file.Name) ? ImportArchive.Read(file.Name, new MemoryStream(file.Content), limits) : [file]).ToList();

    /// <summary>A file name for pasted text: the one given (with .md added), or one made from the time.</summary>
    public static string PastedFileName(string? name, TimeProvider clock)
    {
        var trimmed = Path.GetFileName(name?.Trim() ?? string.Empty);
        if (trimmed.Length == 0)
        {
            return $"pasted-{clock.GetUtcNow():yyyyMMdd-HHmmss}.md";
        }

        return trimmed.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? trimmed : trimmed + ".md";
    }
}
