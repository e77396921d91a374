using System.Runtime.InteropServices;

namespace QuestionBank.Sandbox.SeccompProbe;

/// <summary>
/// Makes the syscalls the jail's seccomp filter refuses, each with arguments that do no harm if
/// the filter let it through (null pointers, bad descriptors, a bad reboot magic, the caller's own
/// pid), and prints what each one's errno was. x86-64 numbers.
/// </summary>
internal static unsafe partial class Probe
{
    private const long AtFdCwd = -100;
    private const long CloneThread = 0x00010000, CloneNewUser = 0x10000000;
    private const long Tiocsti = 0x5412, Tioclinux = 0x541C, Tcgets = 0x5401;

    // Zeroed scratch memory for struct arguments (io_uring_params, bpf_attr, perf_event_attr, iovecs…).
    private static readonly byte* Scratch = (byte*)NativeMemory.AllocZeroed(4096);

    public static void CallEverything()
    {
        var pid = Syscall(39, 0, 0, 0, 0, 0, 0); // getpid

        // New processes; vfork is left out: were it let through, its child would return into
        // this process's stack. A forked child leaves at once.
        var child = Syscall(57, 0, 0, 0, 0, 0, 0);
        if (child == 0)
        {
            Syscall(231, 0, 0, 0, 0, 0, 0); // exit_group
        }
        Print("fork", child);
        if (child > 0)
        {
            Syscall(61, child, 0, 0, 0, 0, 0); // wait4
        }
        // Without CLONE_SIGHAND and CLONE_VM the kernel itself would say EINVAL: EPERM is the filter's.
        Call("clone-new-user-thread", 56, CloneThread | CloneNewUser);
        Call("clone3", 435); // a null clone_args: EINVAL from the kernel, ENOSYS from the filter

        // Namespaces and mounts.
        Call("unshare", 272, CloneNewUser);
        Call("setns", 308, -1, 0);
        Call("mount", 165, Text("none"), Text("/tmp"), Text("tmpfs"), 0, 0);
        Call("umount2", 166, Text("/tmp"), 2);
        Call("pivot_root", 155, Text("/tmp"), Text("/tmp"));
        Call("chroot", 161, Text("/tmp"));
        CloseIfOpened(Call("open_tree", 428, AtFdCwd, Text("/tmp"), 0));
        CloseIfOpened(Call("open_tree_attr", 467, AtFdCwd, Text("/tmp"), 0, 0, 0));
        Call("move_mount", 429, -1, Text(""), -1, Text(""), 0);
        CloseIfOpened(Call("fsopen", 430, Text("tmpfs"), 0));
        Call("fsconfig", 431, -1, 0, 0, 0, 0);
        Call("fsmount", 432, -1, 0, 0);
        CloseIfOpened(Call("fspick", 433, AtFdCwd, Text("/tmp"), 0));
        Call("mount_setattr", 442, AtFdCwd, Text("/tmp"), 0, 0, 0);

        // Other processes' memory, tried on this process itself.
        var localIov = (long*)(Scratch + 1024);
        var remoteIov = (long*)(Scratch + 1040);
        localIov[0] = (long)(Scratch + 1100);
        localIov[1] = 8;
        remoteIov[0] = (long)(Scratch + 1200);
        remoteIov[1] = 8;
        Call("process_vm_readv", 310, pid, (long)localIov, 1, (long)remoteIov, 1, 0);
        Call("process_vm_writev", 311, pid, (long)localIov, 1, (long)remoteIov, 1, 0);
        Call("process_madvise", 440, -1, 0, 0, 0, 0);
        Call("kcmp", 312, pid, pid, 0, 0, 0); // KCMP_FILE of descriptors 0 and 0
        Call("pidfd_getfd", 438, -1, 0, 0);
        Call("process_mrelease", 448, -1, 0);

        // Secret memory, the mount survey and LSM attributes.
        CloseIfOpened(Call("memfd_secret", 447, 0));
        Call("statmount", 457, 0, 0, 0, 0);
        Call("listmount", 458, 0, 0, 0, 0);
        Call("lsm_set_self_attr", 460, 0, 0, 0, 0);

        // Sockets: AF_UNIX only (AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_VSOCK refused).
        foreach (var (family, domain, type) in new[] { ("unix", 1L, 1L), ("inet", 2L, 1L), ("inet6", 10L, 1L), ("netlink", 16L, 3L), ("packet", 17L, 3L), ("vsock", 40L, 1L) })
        {
            CloseIfOpened(Call("socket-" + family, 41, domain, type, 0));
        }
        Call("socketpair-inet", 53, 2, 1, 0, (long)(Scratch + 3000));
        Call("ptrace", 101, 0); // PTRACE_TRACEME

        // Kernel attack surface.
        Call("keyctl", 250, 0, -3, 0); // KEYCTL_GET_KEYRING_ID of the session keyring
        Call("add_key", 248, Text("user"), Text("qb-probe"), Text("x"), 1, -2); // into the process keyring
        Call("request_key", 249, Text("user"), Text("qb-probe-absent"), 0, 0);
        CloseIfOpened(Call("io_uring_setup", 425, 1, (long)(Scratch + 2048)));
        Call("io_uring_enter", 426, -1, 0, 0, 0, 0, 0);
        Call("io_uring_register", 427, -1, 0, 0, 0);
        CloseIfOpened(Call("bpf", 321, 0, (long)(Scratch + 2048), 72)); // BPF_MAP_CREATE with a zeroed attr
        CloseIfOpened(Call("perf_event_open", 298, (long)(Scratch + 2048), 0, -1, -1, 0));
        CloseIfOpened(Call("userfaultfd", 323, 0));
        CloseIfOpened(Call("fanotify_init", 300, 0, 0));
        Call("open_by_handle_at", 304, AtFdCwd, 0, 0);
        Call("name_to_handle_at", 303, AtFdCwd, Text("/tmp"), (long)(Scratch + 2048), (long)(Scratch + 3072), 0);
        Call("personality-addr-no-randomize", 135, 0x0040000);
        Call("personality-default", 135, 0);
        Call("personality-query", 135, 0xFFFFFFFF);

        // Administration.
        Call("init_module", 175, 0, 0, Text(""));
        Call("finit_module", 313, -1, Text(""), 0);
        Call("delete_module", 176, Text("qb_probe_absent"), 0x800); // O_NONBLOCK
        Call("kexec_load", 246, 0, 0, 0, 0);
        Call("kexec_file_load", 320, -1, -1, 0, 0, 0);
        Call("reboot", 169, 0, 0, 0, 0); // no magic numbers: EINVAL even for the privileged
        Call("swapon", 167, Text("/tmp/absent"), 0);
        Call("swapoff", 168, Text("/tmp/absent"));
        Call("acct", 163, 0);
        Call("quotactl", 179, 0, 0, 0, 0);
        Call("quotactl_fd", 443, -1, 0, 0, 0);
        Call("syslog", 103, 10, 0, 0); // SYSLOG_ACTION_SIZE_BUFFER
        Call("settimeofday", 164, 0, 0); // both null: changes nothing even where allowed
        Call("clock_settime", 227, 0, 0);
        Call("clock_adjtime", 305, 0, 0);
        Call("adjtimex", 159, 0);
        Call("iopl", 172, 0);
        Call("ioperm", 173, 0, 0, 0);
        Call("vhangup", 153);
        Call("sethostname", 170, Text("sandbox"), 7);
        Call("setdomainname", 171, Text("sandbox"), 7);

        // Obsolete.
        Call("uselib", 134, 0);
        Call("sysfs", 139, 3); // the number of filesystem types
        Call("_sysctl", 156, 0);
        Call("ustat", 136, 0, (long)(Scratch + 2048));
        Call("nfsservctl", 180, 0, 0, 0);
        Call("lookup_dcookie", 212, 0, (long)(Scratch + 2048), 0);
        Call("create_module", 174, 0, 0);
        Call("get_kernel_syms", 177, 0);
        Call("query_module", 178, 0, 0, 0, 0, 0);

        // Terminal ioctls on standard input (a pipe here, so harmless either way); the second has
        // high bits set, which the kernel drops. Any other request still reaches the kernel.
        var character = (long)(Scratch + 4000);
        Call("ioctl-tiocsti", 16, 0, Tiocsti, character);
        Call("ioctl-tiocsti-high-bits", 16, 0, Tiocsti | 0x1_0000_0000L, character);
        Call("ioctl-tioclinux", 16, 0, Tioclinux, character);
        Call("ioctl-tcgets", 16, 1, Tcgets, (long)(Scratch + 2048));
    }

    public static void StartThreads()
    {
        var sums = new long[4];
        var threads = Enumerable.Range(0, sums.Length).Select(index => new Thread(() =>
        {
            for (var i = 0; i < 5_000_000; i++)
            {
                sums[index] += i % 7;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        var parallel = 0L;
        Parallel.For(0, 1000, i => Interlocked.Add(ref parallel, i));
        var fromTask = Task.Run(() => sums.Sum()).Result;
        Console.WriteLine(parallel == 499_500 && fromTask == sums.Sum() && sums.All(sum => sum == sums[0]) ? "threads ok" : "threads wrong");
    }

    private static long Call(string name, long number, long a0 = 0, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0)
    {
        var result = Syscall(number, a0, a1, a2, a3, a4, a5);
        Print(name, result);
        return result;
    }

    private static void Print(string name, long result) =>
        Console.WriteLine($"{name} {(result == -1 ? Marshal.GetLastPInvokeError() : 0)}");

    private static void CloseIfOpened(long descriptor)
    {
        if (descriptor >= 0)
        {
            Syscall(3, descriptor, 0, 0, 0, 0, 0); // close
        }
    }

    // A NUL-terminated copy for the kernel; the probe is short-lived, so it is never freed.
    private static long Text(string text) => Marshal.StringToHGlobalAnsi(text);

    [LibraryImport("libc.so.6", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);
}
