using System.Collections.Concurrent;
using System.Diagnostics;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// The host folders a jail binds read-only (the runtime root's /usr, .NET, the runner), as the jail's
/// mount table shows them. /proc/self/mountinfo gives each bind mount's source as its path on the
/// host's file system, so binding them where they lie tells user code the host's home folder, the
/// repository and the runner's folder. Instead each folder is linked once per process, file by file
/// (hard links: nothing is copied), into a folder of the system's temp directory named only by the
/// process id and a random suffix, and the jail binds that. Where a folder cannot be linked (it is on
/// another file system, or the kernel refuses links to another user's files), the jail binds it where
/// it lies and a warning says so.
/// </summary>
internal static class JailSources
{
    private const string Prefix = "qb-jail-";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Linked = new();
    private static readonly Lazy<DirectoryInfo> Home = new(CreateHome);

    /// <summary>The folder to bind in place of <paramref name="folder"/>: its linked copy, or itself where it cannot be linked.</summary>
    public static string For(string folder, ILogger logger)
    {
        var source = Path.GetFullPath(folder);
        return Linked.GetOrAdd(source, key => new Lazy<string>(() => Link(key, logger))).Value;
    }

    private static string Link(string folder, ILogger logger)
    {
        var target = Path.Combine(Home.Value.FullName, Guid.NewGuid().ToString("N")[..8]);
        using var copy = Process.Start(new ProcessStartInfo("cp", ["-al", "--", folder, target]) { RedirectStandardError = true })!;
        var error = copy.StandardError.ReadToEnd();
        copy.WaitForExit();
        if (copy.ExitCode == 0)
        {
            return target;
        }
        logger.LogWarning("The jail binds {Folder} where it lies, so its mount table names it: linking it failed ({Error}).", folder, error.Trim());
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        return folder;
    }

    private static DirectoryInfo CreateHome()
    {
        RemoveLeftovers();
        var home = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(home.FullName);
        return home;
    }

    /// <summary>Removes the links of processes that ended without removing their own (killed ones).</summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), $"{Prefix}*-*"))
        {
            var name = Path.GetFileName(folder);
            if (int.TryParse(name[Prefix.Length..name.LastIndexOf('-')], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                Remove(folder);
            }
        }
    }

    private static void Remove(string folder)
    {
        try
        {
            // Deleting the links leaves the linked files where they lie.
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another process removes it, or the next start does.
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's: theirs to remove.
        }
    }
}
