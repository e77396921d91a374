using System.IO.Compression;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;

namespace QuestionBank.Data.Importing;

/// <summary>
/// What <see cref="ImportArchive"/> accepts. The defaults take a whole real bank (DeepLearning-500-questions:
/// a 172 MB zip of about 1,300 entries whose markdown and images unpack to 169 MB) with room to spare.
/// </summary>
/// <param name="MaxEntries">Entries in the archive, folders included.</param>
/// <param name="MaxUnpackedBytes">The markdown and images unpacked, all together.</param>
/// <param name="MaxCompressionRatio">
/// Unpacked bytes per byte of the archive, once past <see cref="RatioFloorBytes"/>: figures and text pack
/// 1:1 to 10:1, a zip bomb a thousandfold, so a bomb is refused long before it fills <paramref name="MaxUnpackedBytes"/>.
/// </param>
public sealed record ArchiveLimits(int MaxEntries = 10_000, long MaxUnpackedBytes = 512L * 1024 * 1024, int MaxCompressionRatio = 100)
{
    /// <summary>Below this much unpacked, the ratio is not checked: a small zip of plain text may pack tightly.</summary>
    public const long RatioFloorBytes = 1024 * 1024;

    public static ArchiveLimits Default { get; } = new();
}

/// <summary>
/// Reads a zip of markdown and images into files for the importer, refusing archives that could harm
/// the server (see <see cref="ArchiveLimits"/>): too many entries, too much unpacked or unpacked at a
/// zip bomb's ratio (counted while decompressing, never taken from the headers), a file over
/// <see cref="DocumentImporter.MaxFileBytes"/>, or a path that leaves the archive (<c>..</c>, absolute paths).
/// </summary>
public static class ImportArchive
{

    /// <summary>Whether a file is one the importer takes: markdown or an image it stores.</summary>
    public static bool IsImportable(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || ImageFormat.FromName(name) is not null;

    /// <summary>Whether a file name is a zip archive's.</summary>
    public static bool IsArchive(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The archive's markdown and image files, named by their paths in it; other files are left out.</summary>
    /// <exception cref="DocumentParseException">The archive is refused; the message names it and the entry at fault.</exception>
    public static List<ImportFile> Read(string archiveName, Stream zip, ArchiveLimits limits)
    {
        using var archive = Open(archiveName, zip);
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw new DocumentParseException(archiveName, null, ImportMessages.ArchiveTooManyEntries.With(archive.Entries.Count, limits.MaxEntries));
        }

        // Every path is checked before anything is unpacked.
        if (archive.Entries.FirstOrDefault(e => LeavesArchive(e.FullName)) is { } escaping)
        {
            throw new DocumentParseException($"{archiveName}: {escaping.FullName}", null, ImportMessages.ArchivePathLeaves.With());
        }

        var files = new List<ImportFile>();
        var budget = new UnpackBudget(archiveName, limits, zip.Length);
        foreach (var entry in archive.Entries.Where(e => IsImportable(e.FullName) && !IsHiddenOrSystem(e.FullName)))
        {
            var name = entry.FullName.Replace('\\', '/');
            files.Add(new ImportFile(name, Unpack(archiveName, name, entry, budget)));
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
            throw new DocumentParseException(archiveName, null, ImportMessages.NotAZip.With());
        }
    }

    private static byte[] Unpack(string archiveName, string name, ZipArchiveEntry entry, UnpackBudget budget)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            using var input = entry.Open();
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                budget.Spend(read);
                output.Write(buffer, 0, read);
                DocumentImporter.EnsureWithinSizeLimit($"{archiveName}: {name}", output.Length);
            }
        }
        catch (Exception error) when (error is InvalidDataException or NotSupportedException)
        {
            throw new DocumentParseException($"{archiveName}: {name}", null, ImportMessages.ArchiveEntryDamaged.With());
        }

        return output.ToArray();
    }

    private static bool LeavesArchive(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.StartsWith('/') || normalized.Contains(':', StringComparison.Ordinal)
            || normalized.Split('/').Any(segment => segment == "..");
    }

    /// <summary>The bytes unpacked so far, against the limits on their total and on their ratio to the archive's size.</summary>
    private sealed class UnpackBudget(string archiveName, ArchiveLimits limits, long archiveBytes)
    {
        private long unpacked;

        public void Spend(int bytes)
        {
            unpacked += bytes;
            if (unpacked > limits.MaxUnpackedBytes)
            {
                throw new DocumentParseException(
                    archiveName, null, ImportMessages.ArchiveTooBig.With(limits.MaxUnpackedBytes / (1024 * 1024)));
            }

            if (unpacked > ArchiveLimits.RatioFloorBytes && unpacked > archiveBytes * limits.MaxCompressionRatio)
            {
                throw new DocumentParseException(
                    archiveName, null, ImportMessages.ArchiveRatio.With(limits.MaxCompressionRatio));
            }
        }
    }

    // macOS adds __MACOSX/ folders and ._name resource forks that are not the files they are named like.
    private static bool IsHiddenOrSystem(string path) =>
        path.Replace('\\', '/').Split('/').Any(segment => segment.StartsWith('.') || segment == "__MACOSX");
}
