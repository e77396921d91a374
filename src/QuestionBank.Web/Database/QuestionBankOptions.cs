namespace QuestionBank.Web.Database;

public sealed class QuestionBankOptions
{
    public const string SectionName = "QuestionBank";

    /// <summary>Where the embedded PostgreSQL cluster lives when no connection string is configured.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Markdown imported at start-up when the bank is empty.</summary>
    public string ContentDirectory { get; set; } = "content";

    /// <summary>Port for the embedded cluster; a free one is picked when unset.</summary>
    public int? EmbeddedPort { get; set; }
}
