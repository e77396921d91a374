namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// Chooses the /usr the jail runs on: the prepared Debian 13 runtime root when
/// scripts/prepare-sandbox.sh built one (the host's libstdc++ is older than TorchSharp needs),
/// otherwise the host's own. Python runs always run on the prepared Python root (<see cref="ResolvePython"/>).
/// </summary>
public static class RuntimeRoot
{
    /// <summary>The root of Python runs: Debian 13's python3-torch and python3-numpy with their whole closure, libc included.</summary>
    public static string ResolvePython(SandboxOptions options)
    {
        var prepared = Path.Combine(options.Home, "python-root");
        return File.Exists(Path.Combine(prepared, ".complete"))
            ? prepared
            : throw new InvalidOperationException($"There is no Python runtime root in {prepared}. Run scripts/prepare-sandbox.sh.");
    }

    public static string Resolve(SandboxOptions options)
    {
        var prepared = Path.Combine(options.Home, "root");
        if (File.Exists(Path.Combine(prepared, ".complete")))
        {
            return prepared;
        }
        if (HostLibStdCxxIsNewEnough())
        {
            return "/";
        }
        throw new InvalidOperationException(
            $"The host's libstdc++ lacks GLIBCXX_3.4.32, which TorchSharp needs, and there is no runtime root in {prepared}. Run scripts/prepare-sandbox.sh.");
    }

    private static bool HostLibStdCxxIsNewEnough()
    {
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
        var library = candidates.FirstOrDefault(File.Exists);
        return library is not null && File.ReadAllText(library, System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32", StringComparison.Ordinal);
    }
}
