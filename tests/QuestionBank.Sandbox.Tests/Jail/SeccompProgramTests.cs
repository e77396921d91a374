using System.Buffers.Binary;
using QuestionBank.Sandbox.Jail;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// The seccomp program's decisions, evaluated by a small classic-BPF interpreter over
/// struct seccomp_data, without a jail (SeccompFilterTests runs it for real).
/// </summary>
public sealed class SeccompProgramTests
{
    private const uint Allow = SeccompFilter.RetAllow;
    private const uint Eperm = SeccompFilter.RetErrno | SeccompFilter.EPERM;
    private const uint Enosys = SeccompFilter.RetErrno | SeccompFilter.ENOSYS;
    private const ulong PthreadCreateFlags = 0x3D0F00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID

    private static readonly byte[] Program = SeccompFilter.Build();

    public static TheoryData<string, uint> RefusedSyscalls()
    {
        var data = new TheoryData<string, uint>();
        foreach (var (name, number) in SeccompFilter.Refused)
        {
            data.Add(name, number);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedSyscalls))]
    public void EveryRefusedSyscallFailsWithEperm(string name, uint number)
    {
        Assert.True(Run(number) == Eperm, name);
    }

    [Fact]
    public void TheRefusedListNamesEachSyscallOnce()
    {
        Assert.Equal(SeccompFilter.Refused.Count, SeccompFilter.Refused.Select(call => call.Number).Distinct().Count());
        Assert.Equal(SeccompFilter.Refused.Count, SeccompFilter.Refused.Select(call => call.Name).Distinct().Count());
    }

    [Theory]
    [InlineData(0u)] // read
    [InlineData(1u)] // write
    [InlineData(9u)] // mmap
    [InlineData(202u)] // futex
    [InlineData(257u)] // openat
    [InlineData(324u)] // membarrier
    [InlineData(237u)] // mbind
    [InlineData(317u)] // seccomp
    public void OrdinarySyscallsAreAllowed(uint number)
    {
        Assert.Equal(Allow, Run(number));
    }

    [Fact]
    public void CloneMakesThreadsButNeitherProcessesNorNamespaces()
    {
        Assert.Equal(Allow, Run(SeccompFilter.SysClone, PthreadCreateFlags));
        Assert.Equal(Eperm, Run(SeccompFilter.SysClone, 17)); // SIGCHLD: fork
        Assert.Equal(Eperm, Run(SeccompFilter.SysClone, 0x4111)); // CLONE_VM|CLONE_VFORK|SIGCHLD: posix_spawn
        foreach (var flag in new ulong[] { 0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000 })
        {
            Assert.Equal(Eperm, Run(SeccompFilter.SysClone, PthreadCreateFlags | flag));
        }
        Assert.Equal(Eperm, Run(SeccompFilter.SysFork));
        Assert.Equal(Eperm, Run(SeccompFilter.SysVfork));
    }

    [Fact]
    public void Clone3FailsWithEnosysSoTheCLibraryFallsBackToClone()
    {
        Assert.Equal(Enosys, Run(SeccompFilter.SysClone3));
    }

    [Fact]
    public void PersonalityMayOnlyQueryOrKeepTheDefaultPersona()
    {
        Assert.Equal(Allow, Run(SeccompFilter.SysPersonality, 0));
        Assert.Equal(Allow, Run(SeccompFilter.SysPersonality, 0xFFFFFFFF));
        Assert.Equal(Allow, Run(SeccompFilter.SysPersonality, 0xDEAD_BEEF_0000_0000)); // the kernel sees 0
        Assert.Equal(Eperm, Run(SeccompFilter.SysPersonality, 0x0040000)); // ADDR_NO_RANDOMIZE
        Assert.Equal(Eperm, Run(SeccompFilter.SysPersonality, 0x0400000)); // READ_IMPLIES_EXEC
        Assert.Equal(Eperm, Run(SeccompFilter.SysPersonality, 0x0008)); // PER_LINUX32
    }

    [Fact]
    public void TiocstiAndTioclinuxAreRefusedEvenWithHighBitsSetWhileOtherIoctlsPass()
    {
        foreach (var request in new ulong[] { 0x5412, 0x1_0000_5412, 0xFFFF_FFFF_0000_5412, 0x541C, 0x8000_0000_0000_541C })
        {
            Assert.True(Run(SeccompFilter.SysIoctl, 0, request) == Eperm, $"0x{request:X}");
        }
        Assert.Equal(Allow, Run(SeccompFilter.SysIoctl, 0, 0x5401)); // TCGETS
        Assert.Equal(Allow, Run(SeccompFilter.SysIoctl, 0x5412, 0x5401)); // TIOCSTI's value as the descriptor
        Assert.Equal(Allow, Run(SeccompFilter.SysIoctl, 0, 0x5412_0000)); // TIOCSTI in the wrong half
    }

    [Fact]
    public void SocketsMayOnlyBeUnixDomainSockets()
    {
        foreach (var call in new[] { SeccompFilter.SysSocket, SeccompFilter.SysSocketpair })
        {
            Assert.Equal(Allow, Run(call, 1)); // AF_UNIX
            Assert.Equal(Allow, Run(call, 0xFFFF_FFFF_0000_0001)); // the kernel sees AF_UNIX
            foreach (var domain in new ulong[] { 2, 10, 16, 17, 40, 0 }) // INET, INET6, NETLINK, PACKET, VSOCK, UNSPEC
            {
                Assert.True(Run(call, domain) == Eperm, $"{call}({domain})");
            }
        }
    }

    [Fact]
    public void OtherAbisAreRefused()
    {
        Assert.Equal(Eperm, Run(0, arch: 0x40000003)); // i386
        Assert.Equal(Eperm, Run(0x40000000 | 0)); // x32 read
        Assert.Equal(Eperm, Run(0x40000000 | 56, PthreadCreateFlags)); // x32 clone
    }

    /// <summary>Runs the program on struct seccomp_data { int nr; u32 arch; u64 ip; u64 args[6]; }.</summary>
    private static uint Run(uint number, ulong arg0 = 0, ulong arg1 = 0, uint arch = SeccompFilter.AuditArchX8664)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(data, number);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16), arg0);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(24), arg1);

        Assert.True(Program.Length % 8 == 0 && Program.Length / 8 is > 0 and <= 4096, "BPF_MAXINSNS");
        uint accumulator = 0;
        for (var pc = 0; ;)
        {
            Assert.InRange(pc, 0, Program.Length / 8 - 1);
            var instruction = Program.AsSpan(pc * 8, 8);
            var code = BinaryPrimitives.ReadUInt16LittleEndian(instruction);
            var (ifTrue, ifFalse) = (instruction[2], instruction[3]);
            var k = BinaryPrimitives.ReadUInt32LittleEndian(instruction[4..]);
            pc++;
            switch (code)
            {
                case 0x20: // BPF_LD | BPF_W | BPF_ABS
                    Assert.True(k % 4 == 0 && k + 4 <= data.Length, $"load at {k}");
                    accumulator = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k));
                    break;
                case 0x15: // BPF_JMP | BPF_JEQ | BPF_K
                    pc += accumulator == k ? ifTrue : ifFalse;
                    break;
                case 0x35: // BPF_JMP | BPF_JGE | BPF_K
                    pc += accumulator >= k ? ifTrue : ifFalse;
                    break;
                case 0x45: // BPF_JMP | BPF_JSET | BPF_K
                    pc += (accumulator & k) != 0 ? ifTrue : ifFalse;
                    break;
                case 0x06: // BPF_RET | BPF_K
                    return k;
                default:
                    Assert.Fail($"Unexpected BPF opcode 0x{code:X} at {pc - 1}.");
                    break;
            }
        }
    }
}
