using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Admin;

/// <summary>Turns uploaded or pasted markdown into files for the importer, refusing what it cannot be.</summary>
public static class ImportUploads
{
    /// <exception cref="DocumentParseException">A file is not a markdown file or is too large.</exception>
    public static async Task<List<ImportFile>> ReadAsync(IEnumerable<IFormFile> uploads, CancellationToken cancellationToken)
    {
        var files = new List<ImportFile>();
        foreach (var upload in uploads)
        {
            var name = Path.GetFileName(upload.FileName);
            if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                throw new DocumentParseException(name, null, "only markdown files (.md) can be imported");
            }

            // Checked before reading so an oversized upload is not buffered; the importer checks again.
            DocumentImporter.EnsureWithinSizeLimit(name, upload.Length);
            using var buffer = new MemoryStream((int)upload.Length);
            await upload.CopyToAsync(buffer, cancellationToken);
            files.Add(new ImportFile(name, buffer.ToArray()));
        }

        return files;
    }

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
