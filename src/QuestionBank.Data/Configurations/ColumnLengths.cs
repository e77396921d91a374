namespace QuestionBank.Data.Configurations;

/// <summary>Lengths of columns in more than one table that hold the same kind of value, so they stay alike.</summary>
internal static class ColumnLengths
{
    /// <summary>A SHA-256 in lower-case hex: the importer's content hashes and the images' keys.</summary>
    public const int Sha256Hex = 64;

    /// <summary>A document's slug, which the import history keeps too.</summary>
    public const int DocumentSlug = 200;

    /// <summary>A sandbox worker's id, which the runs it claims keep too.</summary>
    public const int WorkerId = 200;
}
