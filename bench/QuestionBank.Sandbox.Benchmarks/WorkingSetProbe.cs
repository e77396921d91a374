using System.Diagnostics;

namespace QuestionBank.Sandbox.Benchmarks;

/// <summary>Samples this process's working set every 100 ms: its value at the start, its peak and its value at the end (after a full GC), in MB.</summary>
public sealed class WorkingSetProbe : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly double start;
    private double peak;

    private WorkingSetProbe()
    {
        start = Measure(collect: true);
        peak = start;
        sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Measure(collect: false));
                await Task.Delay(100, CancellationToken.None);
            }
        });
    }

    public static WorkingSetProbe Start() => new();

    public (double Start, double Peak, double End) Stop()
    {
        stop.Cancel();
        sampling.Wait();
        return (start, peak, Measure(collect: true));
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    private static double Measure(bool collect)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}
