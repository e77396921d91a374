using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// A classic-BPF seccomp program for bubblewrap's --seccomp, in the spirit of Docker's default
/// profile: everything is allowed except what follows, which fails with EPERM.
/// <list type="bullet">
/// <item>New processes: fork and vfork, and clone without CLONE_THREAD or with any namespace flag
/// (threads keep working). clone3, whose flags sit behind a pointer a filter cannot read, fails
/// with ENOSYS instead, so the C library falls back to clone for its threads.</item>
/// <item>Namespaces and mounts: unshare, setns, mount, umount2, pivot_root, chroot and the new mount
/// API (open_tree, open_tree_attr, move_mount, fsopen, fsconfig, fsmount, fspick, mount_setattr).</item>
/// <item>Other processes' memory: ptrace, process_vm_readv/writev, process_madvise, process_mrelease, kcmp, pidfd_getfd.</item>
/// <item>Sockets of any family but AF_UNIX (socket, socketpair): the jail has no network, and vsock (not
/// isolated by a network namespace on a VM host), netlink and packet sockets are kernel surface a run never
/// needs; the runtime's diagnostics use AF_UNIX.</item>
/// <item>memfd_secret (memory even the kernel does not map), the mount survey calls listmount and
/// statmount (they list the host's mount sources), and lsm_set_self_attr.</item>
/// <item>Kernel attack surface that ordinary code never needs: the key store (keyctl, add_key,
/// request_key), io_uring, bpf, perf_event_open, userfaultfd, fanotify_init, file handles
/// (open_by_handle_at, name_to_handle_at), and personality other than querying or setting the
/// default persona (a persona such as READ_IMPLIES_EXEC or ADDR_NO_RANDOMIZE weakens exploit
/// mitigations).</item>
/// <item>Administration: kernel modules, kexec, reboot, swap, accounting, quotas, the kernel log,
/// the clocks, port I/O (iopl, ioperm), vhangup, host and domain names, and obsolete calls
/// (uselib, sysfs, _sysctl, ustat, nfsservctl, lookup_dcookie, create_module, query_module,
/// get_kernel_syms).</item>
/// <item>The terminal ioctls TIOCSTI (typing into a terminal) and TIOCLINUX. The kernel reads the
/// request as 32 bits, so only its low 32 bits are compared: a filter comparing all 64 would let
/// TIOCSTI with high bits set through (CVE-2019-10063).</item>
/// <item>Syscalls of other ABIs (i386, x32), whose numbers differ.</item>
/// </list>
/// Most of these would fail in the jail anyway for want of capabilities; the filter keeps the
/// kernel code behind them out of reach. Left allowed because the runtime or libraries use them or
/// they are harmless: the NUMA calls (mbind, get/set_mempolicy, move_pages, migrate_pages),
/// seccomp, landlock, pkey_*, prlimit64, membarrier. x86-64 hosts only; elsewhere the jail runs
/// without a filter (the pids limit still bounds what user code can start).
/// </summary>
public static class SeccompFilter
{
    internal const uint AuditArchX8664 = 0xC000003E;
    internal const uint RetAllow = 0x7FFF0000;
    internal const uint RetErrno = 0x00050000;
    internal const uint EPERM = 1, ENOSYS = 38;

    internal const uint SysIoctl = 16, SysSocket = 41, SysSocketpair = 53, SysClone = 56, SysFork = 57, SysVfork = 58, SysPersonality = 135, SysClone3 = 435;
    internal const uint AfUnix = 1;
    internal const uint CloneThread = 0x00010000;

    /// <summary>CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET (CLONE_NEWTIME shares its bit with the exit signal in clone).</summary>
    internal const uint CloneNamespaces = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;
    internal const uint PerLinux = 0, PersonalityQuery = 0xFFFFFFFF;
    internal const uint Tiocsti = 0x5412, Tioclinux = 0x541C;

    private const uint X32SyscallBit = 0x40000000;

    /// <summary>Syscalls refused outright with EPERM (x86-64 numbers, from asm/unistd_64.h).</summary>
    internal static IReadOnlyList<(string Name, uint Number)> Refused { get; } =
    [
        // Processes (clone and clone3 are decided below).
        ("fork", 57), ("vfork", 58),
        // Namespaces and mounts.
        ("unshare", 272), ("setns", 308), ("mount", 165), ("umount2", 166), ("pivot_root", 155), ("chroot", 161),
        ("open_tree", 428), ("move_mount", 429), ("fsopen", 430), ("fsconfig", 431), ("fsmount", 432), ("fspick", 433),
        ("mount_setattr", 442), ("open_tree_attr", 467),
        // Other processes' memory.
        ("ptrace", 101), ("process_vm_readv", 310), ("process_vm_writev", 311), ("process_madvise", 440),
        ("kcmp", 312), ("pidfd_getfd", 438), ("process_mrelease", 448),
        // Secret memory, the mount survey and LSM attributes.
        ("memfd_secret", 447), ("statmount", 457), ("listmount", 458), ("lsm_set_self_attr", 460),
        // Kernel attack surface.
        ("keyctl", 250), ("add_key", 248), ("request_key", 249),
        ("io_uring_setup", 425), ("io_uring_enter", 426), ("io_uring_register", 427),
        ("bpf", 321), ("perf_event_open", 298), ("userfaultfd", 323), ("fanotify_init", 300),
        ("open_by_handle_at", 304), ("name_to_handle_at", 303),
        // Administration.
        ("init_module", 175), ("finit_module", 313), ("delete_module", 176), ("kexec_load", 246), ("kexec_file_load", 320),
        ("reboot", 169), ("swapon", 167), ("swapoff", 168), ("acct", 163), ("quotactl", 179), ("quotactl_fd", 443),
        ("syslog", 103), ("settimeofday", 164), ("clock_settime", 227), ("clock_adjtime", 305), ("adjtimex", 159),
        ("iopl", 172), ("ioperm", 173), ("vhangup", 153), ("sethostname", 170), ("setdomainname", 171),
        // Obsolete.
        ("uselib", 134), ("sysfs", 139), ("_sysctl", 156), ("ustat", 136), ("nfsservctl", 180), ("lookup_dcookie", 212),
        ("create_module", 174), ("get_kernel_syms", 177), ("query_module", 178),
    ];

    // struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }, little-endian:
    // the low 32 bits of args[i] are at 16 + 8 * i.
    private const uint NrOffset = 0, ArchOffset = 4;

    private static uint LowArgument(int index) => (uint)(16 + 8 * index);

    /// <summary>True where this filter applies: an x86-64 process.</summary>
    public static bool IsSupported => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static byte[] Build()
    {
        var program = new Assembler();
        program.Load(ArchOffset);
        program.JumpIfEqual(AuditArchX8664, Label.Next, Label.Deny);
        program.Load(NrOffset);
        program.JumpIfAtLeast(X32SyscallBit, Label.Deny, Label.Next);
        foreach (var (_, number) in Refused)
        {
            program.JumpIfEqual(number, Label.Deny, Label.Next);
        }
        program.JumpIfEqual(SysClone3, Label.NoSys, Label.Next);
        program.JumpIfEqual(SysClone, Label.Clone, Label.Next);
        program.JumpIfEqual(SysPersonality, Label.Personality, Label.Next);
        program.JumpIfEqual(SysSocket, Label.Socket, Label.Next);
        program.JumpIfEqual(SysSocketpair, Label.Socket, Label.Next);
        program.JumpIfEqual(SysIoctl, Label.Ioctl, Label.Allow);

        // clone(flags, …): a thread, and no new namespace (the kernel, too, reads only the low 32 bits of the flags).
        program.Define(Label.Clone);
        program.Load(LowArgument(0));
        program.JumpIfAnySet(CloneNamespaces, Label.Deny, Label.Next);
        program.JumpIfAnySet(CloneThread, Label.Allow, Label.Deny);

        // personality(persona): the kernel takes an unsigned int, so the low 32 bits are all it sees.
        MatchArgument(program, Label.Personality, argument: 0, Label.Allow, [PerLinux, PersonalityQuery]);

        // socket(domain, …) and socketpair(domain, …): the domain is an int.
        MatchArgument(program, Label.Socket, argument: 0, Label.Allow, [AfUnix]);

        // ioctl(fd, request, …): the kernel truncates the request to 32 bits.
        MatchArgument(program, Label.Ioctl, argument: 1, Label.Deny, [Tiocsti, Tioclinux]);

        program.Define(Label.Allow);
        program.Return(RetAllow);
        program.Define(Label.Deny);
        program.Return(RetErrno | EPERM);
        program.Define(Label.NoSys);
        program.Return(RetErrno | ENOSYS);
        return program.Assemble();
    }

    /// <summary>
    /// At <paramref name="label"/>: a call whose argument's low 32 bits equal one of <paramref name="values"/>
    /// goes to <paramref name="verdict"/> (Allow or Deny), any other to the opposite.
    /// </summary>
    private static void MatchArgument(Assembler program, Label label, int argument, Label verdict, uint[] values)
    {
        var otherwise = verdict == Label.Allow ? Label.Deny : Label.Allow;
        program.Define(label);
        program.Load(LowArgument(argument));
        for (var i = 0; i < values.Length; i++)
        {
            program.JumpIfEqual(values[i], verdict, i == values.Length - 1 ? otherwise : Label.Next);
        }
    }

    private enum Label { Next, Allow, Deny, NoSys, Clone, Personality, Socket, Ioctl }

    /// <summary>
    /// Writes struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; } instructions. Jumps go
    /// forward only, to a label, and are encoded relative to the next instruction; classic BPF
    /// has one byte for them, so a jump longer than 255 instructions is an error, not a wrap.
    /// </summary>
    private sealed class Assembler
    {
        private const ushort LoadWord = 0x20, JumpEqual = 0x15, JumpGreaterOrEqual = 0x35, JumpSet = 0x45, ReturnK = 0x06;

        private readonly List<(ushort Code, Label True, Label False, uint K)> instructions = [];
        private readonly Dictionary<Label, int> labels = [];

        public void Load(uint offset) => instructions.Add((LoadWord, Label.Next, Label.Next, offset));

        public void JumpIfEqual(uint k, Label ifTrue, Label ifFalse) => instructions.Add((JumpEqual, ifTrue, ifFalse, k));

        public void JumpIfAtLeast(uint k, Label ifTrue, Label ifFalse) => instructions.Add((JumpGreaterOrEqual, ifTrue, ifFalse, k));

        public void JumpIfAnySet(uint mask, Label ifTrue, Label ifFalse) => instructions.Add((JumpSet, ifTrue, ifFalse, mask));

        public void Return(uint value) => instructions.Add((ReturnK, Label.Next, Label.Next, value));

        public void Define(Label label) => labels.Add(label, instructions.Count);

        public byte[] Assemble()
        {
            var bytes = new byte[instructions.Count * 8];
            for (var i = 0; i < instructions.Count; i++)
            {
                var (code, ifTrue, ifFalse, k) = instructions[i];
                var isJump = code is JumpEqual or JumpGreaterOrEqual or JumpSet;
                var instruction = bytes.AsSpan(i * 8, 8);
                BinaryPrimitives.WriteUInt16LittleEndian(instruction, code);
                instruction[2] = isJump ? Offset(i, ifTrue) : (byte)0;
                instruction[3] = isJump ? Offset(i, ifFalse) : (byte)0;
                BinaryPrimitives.WriteUInt32LittleEndian(instruction[4..], k);
            }
            return bytes;
        }

        private byte Offset(int from, Label to)
        {
            if (to == Label.Next)
            {
                return 0;
            }
            var target = labels.TryGetValue(to, out var index)
                ? index
                : throw new InvalidOperationException($"The seccomp program jumps to {to}, which it never defines.");
            var offset = target - from - 1;
            return offset is >= 0 and <= byte.MaxValue
                ? (byte)offset
                : throw new InvalidOperationException(
                    $"The seccomp program's jump from instruction {from} to {to} ({offset}) does not fit classic BPF's 0…255.");
        }
    }
}
