using System.ComponentModel.DataAnnotations;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Admin;

/// <summary>
/// Bound from <c>QuestionBank:Import</c>: the body limit of the import page and API (every other request
/// keeps <see cref="Extensions.Extensions.MaxRequestBytes"/>) and what a zip in an import may hold
/// (<see cref="ArchiveLimits"/>). The defaults take a zip of a whole real bank (DeepLearning-500-questions, 172 MB).
/// </summary>
public sealed class ImportLimitsOptions
{
    public const string SectionName = "QuestionBank:Import";

    /// <summary>An import's request body. The preview page posts its files back base64-encoded (a third larger).</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;

    [Range(1, int.MaxValue)]
    public int MaxArchiveEntries { get; set; } = ArchiveLimits.Default.MaxEntries;

    [Range(1, long.MaxValue)]
    public long MaxUnpackedBytes { get; set; } = ArchiveLimits.Default.MaxUnpackedBytes;

    [Range(1, int.MaxValue)]
    public int MaxCompressionRatio { get; set; } = ArchiveLimits.Default.MaxCompressionRatio;

    public ArchiveLimits Archive => new(MaxArchiveEntries, MaxUnpackedBytes, MaxCompressionRatio);
}
