namespace QuestionBank.Web.Database;

public sealed class QuestionBankOptions
{
    public const string SectionName = "QuestionBank";

    /// <summary>The folder where versions before the platform's data folder kept their data, next to the project.</summary>
    private const string SourceTreeDataDirectory = ".data";

    /// <summary>
    /// The data folder of a process run as root: its embedded cluster runs as the postgres user, who cannot
    /// enter root's home (mode 0700 on Debian), so initdb would fail there.
    /// </summary>
    private const string SystemDataDirectory = "/var/lib/questionbank";

    /// <summary>
    /// Where the embedded PostgreSQL cluster and its backups live when no connection string is
    /// configured, relative to the content root; unset, see <see cref="DataPath"/>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Markdown imported at start-up when the bank is empty.</summary>
    public string ContentDirectory { get; set; } = "content";

    /// <summary>Port for the embedded cluster; a free one is picked when unset.</summary>
    public int? EmbeddedPort { get; set; }

    /// <summary>
    /// The data folder: the configured one; else <c>.data/</c> in the content root where an older
    /// version made it; else the platform's data folder (~/.local/share/questionbank/data), out of the
    /// source tree, where <c>git clean</c> cannot delete it; run as root, <c>/var/lib/questionbank</c> unless the
    /// platform's folder already holds a cluster.
    /// </summary>
    public string DataPath(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
        }

        var sourceTree = Path.Combine(contentRoot, SourceTreeDataDirectory);
        if (Directory.Exists(sourceTree))
        {
            return sourceTree;
        }

        var platform = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "questionbank", "data");
        return Environment.IsPrivilegedProcess && !File.Exists(Path.Combine(platform, "postgres", "PG_VERSION")) ? SystemDataDirectory : platform;
    }
}
