namespace QuestionBank.Data.Embedded;

/// <summary>Where PostgreSQL's programs are: the embedded cluster's server and the backup tools.</summary>
public static class PostgresBinaries
{
    /// <summary>The folder that holds every one of <paramref name="programs"/>: from PATH, else the newest under /usr/lib/postgresql.</summary>
    public static string Find(params string[] programs)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => File.Exists(Path.Combine(dir, programs[0])))
            .Select(dir => Path.GetDirectoryName(new FileInfo(Path.Combine(dir, programs[0])).ResolveLinkTarget(true)?.FullName ?? Path.Combine(dir, programs[0]))!);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return onPath.Concat(installed).FirstOrDefault(d => programs.All(program => File.Exists(Path.Combine(d, program))))
            ?? throw new InvalidOperationException(
                $"PostgreSQL's {string.Join(", ", programs)} were not found on PATH or under /usr/lib/postgresql. " +
                "Install PostgreSQL (e.g. apt-get install postgresql).");
    }
}
