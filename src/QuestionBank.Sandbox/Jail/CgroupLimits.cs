using System.Globalization;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// One run's control groups: memory (no swap), process count and CPU weight, on cgroup v2 where
/// the host has it and on the v1 memory, pids and cpu hierarchies otherwise. The jail's first
/// process joins them before it starts bubblewrap, so nothing it starts escapes them. With
/// <see cref="SandboxOptions.ContainerLimits"/> there are no groups of its own: the worker's
/// container is the run's group, and only its OOM kills are watched.
/// </summary>
public sealed class CgroupLimits : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private const string Parent = "questionbank";

    private readonly IReadOnlyList<string> groups;
    private readonly string memoryEvents;
    private readonly long oomKillsBefore;

    private CgroupLimits(IReadOnlyList<string> groups, string memoryEvents)
    {
        this.groups = groups;
        this.memoryEvents = memoryEvents;
        oomKillsBefore = OomKills(memoryEvents);
    }

    private static bool Unified => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    /// <summary>The cgroup.procs files the jail's first process writes its pid to.</summary>
    public IReadOnlyList<string> ProcsFiles => [.. groups.Select(group => Path.Combine(group, "cgroup.procs"))];

    /// <summary>
    /// Creates the groups, or returns null (and logs why) when this host does not let us. With
    /// container limits, watches the container's own group instead.
    /// </summary>
    public static CgroupLimits? TryCreate(string name, SandboxOptions options, ILogger logger)
    {
        try
        {
            return options.ContainerLimits ? ForContainer() : Create(name, options);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Cannot set up cgroup limits under {Root}: {Reason}", Root, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// Why runs would get no limits here (a worker then refuses to start), or null when each run
    /// gets its own groups, container limits stand in for them, or cgroups are not required.
    /// </summary>
    public static string? WhyRunsWouldBeUnlimited(SandboxOptions options)
    {
        if (!options.RequireCgroups)
        {
            return null;
        }
        try
        {
            using var probe = options.ContainerLimits ? ForContainer() : Create($"start-check-{Environment.ProcessId}", options);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return options.ContainerLimits
                ? $"The sandbox worker cannot read its container's memory events under {Root} ({exception.Message}), so it could not tell a run that ran out of memory."
                : $"The sandbox worker cannot create a run's cgroups under {Root} ({exception.Message}), so runs would have no memory or process limits. " +
                    "Start it through worker-entrypoint.sh as root (which delegates a cgroup subtree and then drops to an unprivileged user), " +
                    "give its user a delegated cgroup, or, in a container with its own memory, pids and CPU limits that runs one run at a time, " +
                    "set QuestionBank:Sandbox:ContainerLimits=true.";
        }
    }

    /// <summary>Whether the kernel's OOM killer killed a process of this run for going over the memory limit.</summary>
    public bool OutOfMemoryKilled() => OomKills(memoryEvents) > oomKillsBefore;

    /// <summary>
    /// Whether the run's memory reached its limit at least once (v2 memory.events <c>max</c>, v1
    /// memory.failcnt): the worker's own sign that an out-of-memory error in the jail was real.
    /// </summary>
    public bool MemoryLimitReached() => groups.Count > 0 && (Unified
        ? Counter(memoryEvents, "max ") > 0
        : long.TryParse(File.ReadAllText(Path.Combine(groups[0], "memory.failcnt")).Trim(), CultureInfo.InvariantCulture, out var failures) && failures > 0);

    /// <summary>
    /// The CPU time the run's processes have used so far (v2 cpu.stat usage_usec; v1 the processes'
    /// utime and stime, which count their ended threads too), and whether one of its threads is
    /// runnable right now; null without groups of its own (container limits) or once they are gone.
    /// </summary>
    public (double CpuSeconds, bool Runnable)? Sample()
    {
        if (groups.Count == 0)
        {
            return null;
        }
        try
        {
            var pids = ReadIds(Path.Combine(groups[0], "cgroup.procs"));
            var cpu = Unified
                ? Counter(Path.Combine(groups[0], "cpu.stat"), "usage_usec ") / 1e6
                : pids.Sum(pid => ProcessStat(pid) is { } stat ? (long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture)) / 100.0 : 0);
            var runnable = ReadIds(Path.Combine(groups[0], Unified ? "cgroup.threads" : "tasks"))
                .Any(tid => ProcessStat(tid) is [var state, ..] && state == "R");
            return (cpu, runnable);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Kills every process left in the groups.</summary>
    public void KillAll()
    {
        foreach (var procs in ProcsFiles.Where(File.Exists))
        {
            foreach (var line in File.ReadAllLines(procs))
            {
                if (int.TryParse(line, out var pid))
                {
                    try
                    {
                        System.Diagnostics.Process.GetProcessById(pid).Kill();
                    }
                    catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
                    {
                        // Already gone.
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            KillAll();
            try
            {
                foreach (var group in groups.Where(Directory.Exists))
                {
                    Directory.Delete(group);
                }
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100); // The killed processes are still exiting.
            }
        }
    }

    /// <summary>No groups of its own: the container's group (the root of its cgroup namespace) is the run's.</summary>
    private static CgroupLimits ForContainer() => new([], MemoryEvents(Unified ? Root : Path.Combine(Root, "memory")));

    private static CgroupLimits Create(string name, SandboxOptions options) =>
        Unified ? CreateUnified(name, options) : CreateV1(name, options);

    private static CgroupLimits CreateUnified(string name, SandboxOptions options)
    {
        var parent = Path.Combine(Root, Parent);
        Directory.CreateDirectory(parent);
        File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+memory +pids +cpu");
        var group = Path.Combine(parent, name);
        Directory.CreateDirectory(group);
        File.WriteAllText(Path.Combine(group, "memory.max"), $"{options.MemoryMb * 1024L * 1024}");
        File.WriteAllText(Path.Combine(group, "memory.swap.max"), "0");
        File.WriteAllText(Path.Combine(group, "pids.max"), $"{options.MaxProcesses}");
        // cpu.weight is 1..10000 with 100 for an equal share; cpu.shares is 2..262144 with 1024.
        File.WriteAllText(Path.Combine(parent, "cpu.weight"), $"{Math.Clamp(options.CpuShares * 100 / 1024, 1, 10000)}");
        return new CgroupLimits([group], MemoryEvents(group));
    }

    private static CgroupLimits CreateV1(string name, SandboxOptions options)
    {
        var memory = Group("memory", name);
        var pids = Group("pids", name);
        var cpu = Group("cpu", name);
        var groups = new CgroupLimits([memory, pids, cpu], MemoryEvents(memory));
        var bytes = $"{options.MemoryMb * 1024L * 1024}";
        File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), bytes);
        var withSwap = Path.Combine(memory, "memory.memsw.limit_in_bytes");
        if (File.Exists(withSwap))
        {
            File.WriteAllText(withSwap, bytes);
        }
        File.WriteAllText(Path.Combine(pids, "pids.max"), $"{options.MaxProcesses}");
        // The weight goes on the parent: all jails together get this share against the site.
        File.WriteAllText(Path.Combine(Root, "cpu", Parent, "cpu.shares"), $"{options.CpuShares}");
        return groups;
    }

    /// <summary>Where a group's OOM kills are counted: memory.events on cgroup v2, memory.oom_control on v1.</summary>
    private static string MemoryEvents(string group) =>
        Path.Combine(group, Unified ? "memory.events" : "memory.oom_control");

    private static long OomKills(string memoryEvents) => Counter(memoryEvents, "oom_kill ");

    /// <summary>The value of the line that starts with <paramref name="name"/> in a flat-keyed cgroup file, 0 without one.</summary>
    private static long Counter(string file, string name) => File.ReadLines(file)
        .Where(line => line.StartsWith(name, StringComparison.Ordinal))
        .Select(line => long.Parse(line[name.Length..], CultureInfo.InvariantCulture))
        .FirstOrDefault();

    private static List<int> ReadIds(string file) =>
        [.. File.ReadLines(file).Select(line => int.TryParse(line, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0)];

    /// <summary>The fields of /proc/&lt;id&gt;/stat after the command name (state first), or null once the task is gone.</summary>
    private static string[]? ProcessStat(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Group(string controller, string name)
    {
        var group = Path.Combine(Root, controller, Parent, name);
        Directory.CreateDirectory(group);
        return group;
    }
}
