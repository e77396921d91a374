using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// A classic-BPF seccomp program for bubblewrap's --seccomp: code in the jail may start threads
/// but no processes. fork and vfork fail with EPERM, clone without CLONE_THREAD fails with EPERM,
/// and clone3 (whose flags a filter cannot read) fails with ENOSYS, so the C library falls back
/// to clone for its threads. Syscalls of other ABIs (i386, x32) are refused. x86-64 hosts only;
/// elsewhere the jail runs without it (the pids limit still bounds what user code can start).
/// </summary>
public static class SeccompFilter
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint X32SyscallBit = 0x40000000;
    private const uint CloneThread = 0x00010000;
    private const uint SysClone = 56, SysFork = 57, SysVfork = 58, SysClone3 = 435;
    private const uint RetAllow = 0x7FFF0000;
    private const uint RetErrno = 0x00050000;
    private const uint EPERM = 1, ENOSYS = 38;

    // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6];
    private const uint NrOffset = 0, ArchOffset = 4, FirstArgumentOffset = 16;

    private const ushort LoadWord = 0x20, JumpEqual = 0x15, JumpGreaterOrEqual = 0x35, JumpSet = 0x45, Return = 0x06;

    /// <summary>True where this filter applies: an x86-64 process.</summary>
    public static bool IsSupported => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static byte[] Build()
    {
        const int allow = 10, deny = 11, noSys = 12, clone = 8;
        (ushort Code, int True, int False, uint K)[] program =
        [
            /* 0 */ (LoadWord, 0, 0, ArchOffset),
            /* 1 */ (JumpEqual, 2, deny, AuditArchX8664),
            /* 2 */ (LoadWord, 0, 0, NrOffset),
            /* 3 */ (JumpGreaterOrEqual, deny, 4, X32SyscallBit),
            /* 4 */ (JumpEqual, deny, 5, SysFork),
            /* 5 */ (JumpEqual, deny, 6, SysVfork),
            /* 6 */ (JumpEqual, noSys, 7, SysClone3),
            /* 7 */ (JumpEqual, clone, allow, SysClone),
            /* 8 */ (LoadWord, 0, 0, FirstArgumentOffset),
            /* 9 */ (JumpSet, allow, deny, CloneThread),
            /* 10 */ (Return, 0, 0, RetAllow),
            /* 11 */ (Return, 0, 0, RetErrno | EPERM),
            /* 12 */ (Return, 0, 0, RetErrno | ENOSYS),
        ];

        // struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }, jumps relative to the next instruction.
        var bytes = new byte[program.Length * 8];
        for (var i = 0; i < program.Length; i++)
        {
            var (code, jumpIfTrue, jumpIfFalse, k) = program[i];
            var isJump = code is JumpEqual or JumpGreaterOrEqual or JumpSet;
            var instruction = bytes.AsSpan(i * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(instruction, code);
            instruction[2] = isJump ? checked((byte)(jumpIfTrue - i - 1)) : (byte)0;
            instruction[3] = isJump ? checked((byte)(jumpIfFalse - i - 1)) : (byte)0;
            BinaryPrimitives.WriteUInt32LittleEndian(instruction[4..], k);
        }
        return bytes;
    }
}
