# hostile: Python: calls through ctypes (libc's syscall, and i386 code in an executable page) every syscall the seccomp filter refuses, each with arguments that would make it succeed where that needs no privilege (unshare(0), PTRACE_TRACEME, kcmp and process_vm_readv on itself, keyctl, io_uring_setup, perf_event_open, userfaultfd, memfd_secret, listmount, name_to_handle_at, adjtimex…), clone with namespace flags or without CLONE_THREAD, clone3, sockets of every family but AF_UNIX (high bits set too), dangerous personas, TIOCSTI, and x32 and i386 syscalls; any call that succeeded would spin until the timeout
# exercise: lstm
# expect: failed
# limits: timeout=60
import ctypes
import mmap
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

SIGCHLD = 17
CLONE_THREAD, CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWPID = 0x10000, 0x20000, 0x10000000, 0x40000000, 0x20000000
AT_FDCWD = -100


def buffer(size, fields=()):
    """A zeroed buffer of `size` bytes with (offset, ctype, value) fields set."""
    raw = ctypes.create_string_buffer(size)
    for offset, kind, value in fields:
        kind.from_buffer(raw, offset).value = value
    return raw


def arguments(*values):
    # Numbers as longs (a negative fd stays negative); bytes and buffers go as pointers.
    return [ctypes.c_long(value) if isinstance(value, int) else value for value in values]


escaped = []


def attempt(name, number, *values):
    ctypes.set_errno(0)
    result = libc.syscall(ctypes.c_long(number), *arguments(*values))
    if result == 0 and name.startswith(("fork", "clone")):
        # A child process: it would be a process the pids limit bounds, not the filter.
        while True:
            pass
    error = ctypes.get_errno()
    print(f"{name}: {result} ({os.strerror(error) if result < 0 else 'succeeded'})")
    if result >= 0:
        escaped.append(name)


def int80(number):
    """An i386 syscall from this 64-bit process: mov eax, number; int 0x80; ret."""
    code = bytes([0xB8]) + number.to_bytes(4, "little") + bytes([0xCD, 0x80, 0xC3])
    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(code)
    address = ctypes.addressof(ctypes.c_char.from_buffer(page))
    return ctypes.CFUNCTYPE(ctypes.c_int)(address)()


def run(ctx):
    pid = os.getpid()
    pidfd = libc.syscall(ctypes.c_long(434), ctypes.c_long(pid), ctypes.c_long(0))  # pidfd_open is allowed
    word = ctypes.c_long(42)
    local = buffer(16, [(0, ctypes.c_void_p, ctypes.addressof(word)), (8, ctypes.c_size_t, 8)])
    remote = buffer(16, [(0, ctypes.c_void_p, ctypes.addressof(word)), (8, ctypes.c_size_t, 8)])
    handle = buffer(8 + 128, [(0, ctypes.c_uint, 128)])
    mount_id = ctypes.c_int(0)
    # struct mnt_id_req (version 0): size, spare, mnt_id = LSMT_ROOT, param.
    mounts = buffer(24, [(0, ctypes.c_uint, 24), (8, ctypes.c_ulonglong, 0xFFFFFFFFFFFFFFFF)])
    ids = buffer(8 * 64)
    # struct perf_event_attr: PERF_TYPE_SOFTWARE, PERF_ATTR_SIZE_VER0, PERF_COUNT_SW_CPU_CLOCK, exclude_kernel | exclude_hv.
    perf = buffer(128, [(0, ctypes.c_uint, 1), (4, ctypes.c_uint, 64), (40, ctypes.c_ulonglong, (1 << 5) | (1 << 6))])
    # struct bpf_attr for BPF_MAP_CREATE: an array map of one 4-byte value.
    bpf = buffer(128, [(0, ctypes.c_uint, 2), (4, ctypes.c_uint, 4), (8, ctypes.c_uint, 4), (12, ctypes.c_uint, 1)])
    timex = buffer(256)
    clone_args = buffer(64, [(32, ctypes.c_ulonglong, SIGCHLD)])
    attempts = [
        ("fork", 57),
        ("clone without CLONE_THREAD", 56, SIGCHLD, 0, 0, 0, 0),
        ("clone CLONE_NEWUSER", 56, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0),
        ("clone thread CLONE_NEWNET", 56, CLONE_THREAD | CLONE_NEWNET | SIGCHLD, 0, 0, 0, 0),
        ("clone CLONE_THREAD only in the high bits", 56, (CLONE_THREAD << 32) | SIGCHLD, 0, 0, 0, 0),
        ("clone3", 435, clone_args, 64),
        ("unshare(0)", 272, 0),
        ("unshare CLONE_NEWUSER", 272, CLONE_NEWUSER),
        ("unshare CLONE_NEWNS | CLONE_NEWPID", 272, CLONE_NEWNS | CLONE_NEWPID),
        ("setns", 308, os.open("/proc/self/ns/user", os.O_RDONLY), 0),
        ("mount tmpfs", 165, b"none", b"/tmp", b"tmpfs", 0, 0),
        ("umount2 /proc", 166, b"/proc", 2),
        ("pivot_root", 155, b"/tmp", b"/tmp"),
        ("chroot", 161, b"/tmp"),
        ("open_tree", 428, AT_FDCWD, b"/tmp", 0),
        ("move_mount", 429, AT_FDCWD, b"/tmp", AT_FDCWD, b"/tmp", 0),
        ("fsopen", 430, b"tmpfs", 0),
        ("fsconfig", 431, -1, 0, 0, 0, 0),
        ("fsmount", 432, -1, 0, 0),
        ("fspick", 433, AT_FDCWD, b"/tmp", 0),
        ("mount_setattr", 442, AT_FDCWD, b"/tmp", 0, 0, 0),
        ("open_tree_attr", 467, AT_FDCWD, b"/tmp", 0, 0, 0),
        ("ptrace PTRACE_TRACEME", 101, 0, 0, 0, 0),
        ("process_vm_readv on itself", 310, pid, local, 1, remote, 1, 0),
        ("process_vm_writev on itself", 311, pid, local, 1, remote, 1, 0),
        ("process_madvise MADV_COLD on itself", 440, pidfd, local, 1, 20, 0),
        ("kcmp KCMP_VM on itself", 312, pid, pid, 1, 0, 0),
        ("pidfd_getfd of its own fd 0", 438, pidfd, 0, 0),
        ("process_mrelease", 448, pidfd, 0),
        ("memfd_secret", 447, 0),
        ("statmount", 457, mounts, ids, 512, 0),
        ("listmount of the root", 458, mounts, ids, 64, 0),
        ("lsm_set_self_attr", 460, 100, ids, 64, 0),
        ("keyctl KEYCTL_GET_KEYRING_ID session", 250, 0, -3, 1),
        ("add_key", 248, b"user", b"qb", b"x", 1, -2),
        ("request_key", 249, b"user", b"qb", 0, 0),
        ("io_uring_setup", 425, 4, buffer(120)),
        ("io_uring_enter", 426, -1, 0, 0, 0, 0, 0),
        ("io_uring_register", 427, -1, 0, 0, 0),
        ("bpf BPF_MAP_CREATE", 321, 0, bpf, 128),
        ("perf_event_open cpu-clock on itself", 298, perf, 0, -1, -1, 0),
        ("userfaultfd UFFD_USER_MODE_ONLY", 323, 1),
        ("fanotify_init FAN_REPORT_FID", 300, 0x200, 0),
        ("name_to_handle_at /tmp", 303, AT_FDCWD, b"/tmp", handle, ctypes.addressof(mount_id), 0),
        ("open_by_handle_at", 304, AT_FDCWD, handle, 0),
        ("init_module", 175, ids, 0, b""),
        ("finit_module", 313, 0, b"", 0),
        ("delete_module", 176, b"qb", 0),
        ("kexec_load", 246, 0, 0, 0, 0),
        ("kexec_file_load", 320, -1, -1, 0, b"", 0),
        ("reboot CAD_OFF", 169, 0xFEE1DEAD, 672274793, 0, 0),
        ("swapon", 167, b"/tmp/swap", 0),
        ("swapoff", 168, b"/tmp/swap"),
        ("acct off", 163, 0),
        ("quotactl", 179, 0x800007, b"/tmp", 0, 0),
        ("quotactl_fd", 443, 0, 0x800007, 0, 0),
        ("syslog SIZE_BUFFER", 103, 10, 0, 0),
        ("settimeofday(NULL, NULL)", 164, 0, 0),
        ("clock_settime", 227, 0, timex),
        ("clock_adjtime read", 305, 0, timex),
        ("adjtimex read", 159, timex),
        ("iopl(0)", 172, 0),
        ("ioperm off", 173, 0x80, 1, 0),
        ("vhangup", 153),
        ("sethostname", 170, b"escaped", 7),
        ("setdomainname", 171, b"escaped", 7),
        ("uselib", 134, b"/usr/lib/x86_64-linux-gnu/libc.so.6"),
        ("sysfs count", 139, 3),
        ("_sysctl", 156, timex),
        ("ustat", 136, 0, timex),
        ("nfsservctl", 180, 0, 0, 0),
        ("lookup_dcookie", 212, 0, timex, 64),
        ("create_module", 174, b"qb", 0),
        ("get_kernel_syms", 177, 0),
        ("query_module", 178, b"qb", 0, 0, 0, 0),
        ("personality READ_IMPLIES_EXEC", 135, 0x0400000),
        ("personality ADDR_NO_RANDOMIZE", 135, 0x0040000),
        ("x32 getpid", 0x40000000 | 39),
        ("x32 unshare(0)", 0x40000000 | 272, 0),
    ]
    for family in range(46):
        if family != 1:
            attempts.append((f"socket family {family} stream", 41, family, 1, 0))
            attempts.append((f"socket family {family} datagram", 41, family, 2, 0))
            attempts.append((f"socket family {family} raw", 41, family, 3, 0))
            attempts.append((f"socketpair family {family}", 53, family, 1, 0, ids))
    # The kernel reads the domain as an int: bit 32 set must not slip AF_INET past the filter.
    attempts.append(("socket AF_INET with bit 32 set", 41, (1 << 32) | 2, 2, 0))
    attempts.append(("socket AF_VSOCK", 41, 40, 1, 0))
    attempts.append(("socket AF_NETLINK NETLINK_ROUTE", 41, 16, 3, 0))
    attempts.append(("socket AF_PACKET", 41, 17, 3, 0x0300))
    attempts.append(("socket AF_ALG", 41, 38, 5, 0))
    for fd in (0, 1, 2):
        attempts.append((f"ioctl TIOCSTI on fd {fd}", 16, fd, 0x5412, ids))
        attempts.append((f"ioctl TIOCSTI with high bits on fd {fd}", 16, fd, (1 << 32) | 0x5412, ids))
        attempts.append((f"ioctl TIOCLINUX on fd {fd}", 16, fd, 0x541C, ids))
    for attempted in attempts:
        attempt(*attempted)
    for name, number in (("i386 getpid", 20), ("i386 fork", 2), ("i386 unshare(0)", 310)):
        result = int80(number)
        print(f"{name}: {result}")
        if result >= 0:
            escaped.append(name)
    if escaped:
        print("escaped through", escaped)
        while True:
            pass
    raise PermissionError(f"all {len(attempts) + 3} syscalls refused")
