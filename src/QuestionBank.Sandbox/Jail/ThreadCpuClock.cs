using System.Runtime.InteropServices;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which, unlike a stopwatch, does not
/// grow while the worker waits for a CPU on a busy host; elsewhere than Linux, the process's.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        }
        ClockGetTime(ClockThreadCpuTime, out var time);
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);
}
