using System.Diagnostics;
using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Benchmarks;

/// <summary>
/// Training throughput seen from the parent: samples per second between the first and the last
/// progress report of the cnn reference (it reports every 25 batches).
/// </summary>
public sealed class ThroughputProbe(int batchSize)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private (int Step, TimeSpan At)? first;
    private (int Step, TimeSpan At)? last;

    public void Observe(RunnerMessage message)
    {
        if (message.Type != RunnerMessage.Progress || message.Step is not { } step)
        {
            return;
        }
        first ??= (step, clock.Elapsed);
        last = (step, clock.Elapsed);
    }

    public double SamplesPerSecond => first is { } a && last is { } b && b.At > a.At
        ? (b.Step - a.Step) * batchSize / (b.At - a.At).TotalSeconds
        : double.NaN;
}
