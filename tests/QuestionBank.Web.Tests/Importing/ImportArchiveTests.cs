using System.IO.Compression;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;
using static QuestionBank.Web.Tests.Infrastructure.TestImages;

namespace QuestionBank.Web.Tests.Importing;

/// <summary>The zip limits on their own, at small sizes of the tests' choosing: what passes, and what is refused as a bomb.</summary>
public sealed class ImportArchiveTests
{
    private static readonly ArchiveLimits Small = new(MaxEntries: 10, MaxUnpackedBytes: 3 * 1024 * 1024, MaxCompressionRatio: 100);

    [Fact]
    public void AZipWithinTheLimitsUnpacksItsMarkdownAndImages()
    {
        var zip = Zip(CompressionLevel.NoCompression, ("bank/a.md", new byte[1024 * 1024]), ("bank/img/a.png", new byte[1024 * 1024]), ("bank/notes.txt", new byte[10]));

        var files = ImportArchive.Read("bank.zip", new MemoryStream(zip), Small);

        Assert.Equal(["bank/a.md", "bank/img/a.png"], files.Select(f => f.Name));
    }

    [Fact]
    public void AZipThatUnpacksPastTheTotalIsRefused()
    {
        var zip = Zip(CompressionLevel.NoCompression, [.. Enumerable.Range(0, 4).Select(i => ($"f{i}.md", new byte[1024 * 1024]))]);

        var error = Assert.Throws<DocumentParseException>(() => ImportArchive.Read("big.zip", new MemoryStream(zip), Small));

        Assert.Contains("unpacks to over 3 MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZipBombIsRefusedByItsRatioLongBeforeItsTotal()
    {
        // 4 MB of zeros per entry packs to a few kilobytes: far under the default total, far over the ratio.
        var zip = Zip([.. Enumerable.Range(0, 3).Select(i => ($"bomb{i}.md", new byte[4 * 1024 * 1024]))]);

        var error = Assert.Throws<DocumentParseException>(() => ImportArchive.Read("bomb.zip", new MemoryStream(zip), ArchiveLimits.Default));

        Assert.Contains("100 times its size (a zip bomb?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZipOfTooManyEntriesIsRefused()
    {
        var zip = Zip([.. Enumerable.Range(0, 11).Select(i => ($"n{i}.md", new byte[1]))]);

        var error = Assert.Throws<DocumentParseException>(() => ImportArchive.Read("many.zip", new MemoryStream(zip), Small));

        Assert.Contains("11 entries", error.Message, StringComparison.Ordinal);
    }
}
