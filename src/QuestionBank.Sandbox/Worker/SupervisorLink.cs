using System.Diagnostics.Metrics;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Sandbox.Preparation;

namespace QuestionBank.Sandbox.Worker;

/// <summary>
/// Ties a supervised worker (<see cref="SandboxOptions.Supervised"/>) to the web app that started it: the
/// worker stops when its standard input closes, which happens when the app exits however it exits; it
/// tells the app on standard output whether its sandbox is being prepared, ready or failed, and which runs
/// started and ended, which the app counts in its own run metrics (<see cref="SupervisedWorkerLine"/>).
/// </summary>
internal sealed class SupervisorLink(SandboxPreparation preparation, IHostApplicationLifetime lifetime) : BackgroundService
{
    // A home that is ready is known at once: only a real preparation is worth a "preparing" line.
    private static readonly TimeSpan QuietStart = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var runs = RelayRunMetrics();
        var parentGone = WaitForEndOfInputAsync(stoppingToken);
        if (await Task.WhenAny(preparation.Finished, Task.Delay(QuietStart, stoppingToken)) != preparation.Finished)
        {
            Tell(new SupervisedWorkerLine.State(SandboxState.Preparing));
        }
        await Task.WhenAny(preparation.Finished, parentGone);
        if (preparation.Finished.IsCompleted)
        {
            Tell(new SupervisedWorkerLine.State(preparation.State, preparation.Problem));
        }
        await parentGone;
        lifetime.StopApplication();
    }

    private static void Tell(SupervisedWorkerLine line) => Console.Out.WriteLine(line.ToString());

    /// <summary>Relays what the worker records in <see cref="RunMetrics"/>: a run's wait when it starts, its duration when it ends.</summary>
    private static MeterListener RelayRunMetrics()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RunMetrics.MeterName && instrument is Histogram<double>)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? exercise = null, status = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "exercise":
                        exercise = tag.Value?.ToString();
                        break;
                    case "status":
                        status = tag.Value?.ToString();
                        break;
                }
            }
            SupervisedWorkerLine? line = (instrument.Name, exercise, status) switch
            {
                (RunMetrics.WaitInstrument, not null, _) => new SupervisedWorkerLine.Started(exercise, value),
                (RunMetrics.DurationInstrument, not null, not null) => new SupervisedWorkerLine.Completed(exercise, status, value),
                _ => null,
            };
            if (line is not null)
            {
                Tell(line);
            }
        });
        listener.Start();
        return listener;
    }

    private static async Task WaitForEndOfInputAsync(CancellationToken stoppingToken)
    {
        await using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await input.ReadAsync(buffer, stoppingToken) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
