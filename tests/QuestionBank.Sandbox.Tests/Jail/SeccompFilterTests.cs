using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Tests.Infrastructure;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// The seccomp filter inside the real jail: a trusted probe (tests/QuestionBank.Sandbox.SeccompProbe)
/// makes every refused syscall and prints its errno. Many of them would fail in the jail anyway for
/// want of capabilities, but not all: open_tree, kcmp, process_vm_readv, personality and
/// add_key succeed for anyone, create_module and friends say ENOSYS, clone with a thread and a
/// namespace flag says EINVAL, so EPERM there is the filter's doing (SeccompProgramTests checks
/// the program's every decision without a jail).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class SeccompFilterTests
{
    private const int EPERM = 1, ENOSYS = 38;

    [Fact]
    public async Task RefusedSyscallsFailWithEpermInTheJailWhileThePersonaQueryUnixSocketsAndThreadsWork()
    {
        Assert.True(SeccompFilter.IsSupported, "The seccomp filter is x86-64 only.");
        var probe = ProbeDirectory();
        using var host = TestSandbox.CreateHost(TestSandbox.Limits());
        var jail = host.Services.GetRequiredService<SandboxJail>();

        var outcome = await jail.RunProgramAsync(
            probe, ["/opt/dotnet/dotnet", "/app/QuestionBank.Sandbox.SeccompProbe.dll"], CancellationToken.None);

        Assert.True(outcome.ExitCode == 0, $"The probe exited with {outcome.ExitCode}: {outcome.Errors}\n{outcome.Output}");
        var errnos = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[1], out _))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1]));
        // vfork is not probed: were it let through, its child would run on the probe's stack.
        var expected = SeccompFilter.Refused.Where(call => call.Name != "vfork").ToDictionary(call => call.Name, _ => EPERM);
        expected["clone-new-user-thread"] = EPERM;
        expected["clone3"] = ENOSYS;
        expected["personality-addr-no-randomize"] = EPERM;
        expected["personality-default"] = 0;
        expected["personality-query"] = 0;
        expected["ioctl-tiocsti"] = EPERM;
        expected["ioctl-tiocsti-high-bits"] = EPERM;
        expected["ioctl-tioclinux"] = EPERM;
        expected["socket-unix"] = 0;
        foreach (var family in new[] { "inet", "inet6", "netlink", "packet", "vsock" })
        {
            expected["socket-" + family] = EPERM;
        }
        expected["socketpair-inet"] = EPERM;
        var wrong = expected
            .Where(call => !errnos.TryGetValue(call.Key, out var errno) || errno != call.Value)
            .Select(call => $"{call.Key}: expected {call.Value}, got {(errnos.TryGetValue(call.Key, out var errno) ? errno : "no line")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n--- probe output:\n" + outcome.Output);
        Assert.NotEqual(EPERM, errnos["ioctl-tcgets"]);
        Assert.Contains("threads ok", outcome.Output);
    }

    private static string ProbeDirectory()
    {
        var directory = typeof(SeccompFilterTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(attribute => attribute.Key == "SeccompProbeDirectory").Value!;
        Assert.True(File.Exists(Path.Combine(directory, "QuestionBank.Sandbox.SeccompProbe.dll")),
            $"The seccomp probe is not built in {directory}; build tests/QuestionBank.Sandbox.Tests, which builds it.");
        return directory;
    }
}
