using System.IO.Compression;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;

namespace QuestionBank.Data.Importing;

/// <summary>
/// Reads a zip of markdown and images into files for the importer, refusing archives that could harm
/// the server: more than <see cref="MaxEntries"/> entries, more than <see cref="MaxUnpackedBytes"/>
/// unpacked (counted while decompressing, never taken from the headers), a file over
/// <see cref="DocumentImporter.MaxFileBytes"/>, or a path that leaves the archive (<c>..</c>, absolute paths).
/// </summary>
public static class ImportArchive
{
    public const int MaxEntries = 2000;

    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    /// <summary>Whether a file is one the importer takes: markdown or an image it stores.</summary>
    public static bool IsImportable(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || ImageFormat.FromName(name) is not null;

    /// <summary>Whether a file name is a zip archive's.</summary>
    public static bool IsArchive(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The archive's markdown and image files, named by their paths in it; other files are left out.</summary>
    /// <exception cref="DocumentParseException">The archive is refused; the message names it and the entry at fault.</exception>
    public static List<ImportFile> Read(string archiveName, Stream zip)
    {
        using var archive = Open(archiveName, zip);
        if (archive.Entries.Count > MaxEntries)
        {
            throw new DocumentParseException(archiveName, null, $"it holds {archive.Entries.Count} entries; archives of over {MaxEntries} are not accepted");
        }

        // Every path is checked before anything is unpacked.
        if (archive.Entries.FirstOrDefault(e => LeavesArchive(e.FullName)) is { } escaping)
        {
            throw new DocumentParseException($"{archiveName}: {escaping.FullName}", null, "the path leaves the archive (.. or an absolute path); the archive is refused");
        }

        var files = new List<ImportFile>();
        long unpacked = 0;
        foreach (var entry in archive.Entries.Where(e => IsImportable(e.FullName) && !IsHiddenOrSystem(e.FullName)))
        {
            var name = entry.FullName.Replace('\\', '/');
            files.Add(new ImportFile(name, Unpack(archiveName, name, entry, ref unpacked)));
        }

        return files;
    }

    private static ZipArchive Open(string archiveName, Stream zip)
    {
        try
        {
            return new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new DocumentParseException(archiveName, null, "it is not a zip archive");
        }
    }

    private static byte[] Unpack(string archiveName, string name, ZipArchiveEntry entry, ref long unpacked)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            using var input = entry.Open();
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                unpacked += read;
                if (unpacked > MaxUnpackedBytes)
                {
                    throw new DocumentParseException(
                        archiveName, null, $"it unpacks to over {MaxUnpackedBytes / (1024 * 1024)} MB (a zip bomb?); the archive is refused");
                }

                output.Write(buffer, 0, read);
                DocumentImporter.EnsureWithinSizeLimit($"{archiveName}: {name}", output.Length);
            }
        }
        catch (Exception error) when (error is InvalidDataException or NotSupportedException)
        {
            throw new DocumentParseException($"{archiveName}: {name}", null, "the entry is damaged or packed in a way that cannot be read");
        }

        return output.ToArray();
    }

    private static bool LeavesArchive(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.StartsWith('/') || normalized.Contains(':', StringComparison.Ordinal)
            || normalized.Split('/').Any(segment => segment == "..");
    }

    // macOS adds __MACOSX/ folders and ._name resource forks that are not the files they are named like.
    private static bool IsHiddenOrSystem(string path) =>
        path.Replace('\\', '/').Split('/').Any(segment => segment.StartsWith('.') || segment == "__MACOSX");
}
