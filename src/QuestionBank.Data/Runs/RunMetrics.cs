using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace QuestionBank.Data.Runs;

/// <summary>
/// The runs' OpenTelemetry instruments: submitted and completed runs, time waiting in the queue,
/// run time by exercise and status, and the queue length (sampled by the web app).
/// </summary>
public sealed class RunMetrics
{
    public const string MeterName = "QuestionBank.Runs";
    public const string WaitInstrument = "questionbank.run.wait";
    public const string DurationInstrument = "questionbank.run.duration";

    private readonly Counter<long> submitted;
    private readonly Counter<long> completed;
    private readonly Histogram<double> wait;
    private readonly Histogram<double> duration;
    private IReadOnlyDictionary<string, int> queued = new Dictionary<string, int>();

    public RunMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        submitted = meter.CreateCounter<long>("questionbank.runs.submitted", "{run}", "Runs submitted, by exercise.");
        completed = meter.CreateCounter<long>("questionbank.runs.completed", "{run}", "Runs that ended, by exercise and status.");
        wait = meter.CreateHistogram<double>(WaitInstrument, "s", "Time from submission to a worker starting the run.");
        duration = meter.CreateHistogram<double>(DurationInstrument, "s", "Run time in the sandbox, by exercise and status.");
        meter.CreateObservableGauge("questionbank.runs.queued", ObserveQueue, "{run}", "Runs waiting for a worker, by device.");
    }

    public void Submitted(string exercise) => submitted.Add(1, new KeyValuePair<string, object?>("exercise", exercise));

    public void Started(string exercise, TimeSpan waited) =>
        wait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("exercise", exercise));

    public void Completed(string exercise, string status, double seconds)
    {
        KeyValuePair<string, object?>[] tags = [new("exercise", exercise), new("status", status)];
        completed.Add(1, tags);
        duration.Record(seconds, tags);
    }

    /// <summary>The latest queue length per device, from whoever samples the queue.</summary>
    public void SetQueueLengths(IReadOnlyDictionary<string, int> lengths) => queued = lengths;

    private IEnumerable<Measurement<int>> ObserveQueue() =>
        queued.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>("device", pair.Key)));
}

public static class RunMetricsExtensions
{
    /// <summary>
    /// Registers <see cref="RunMetrics"/> and names its meter to OpenTelemetry, once however many
    /// parts of a process use it (the web app's API and its embedded worker).
    /// </summary>
    public static IServiceCollection AddRunMetrics(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(RunMetrics)))
        {
            return services;
        }
        services.AddSingleton<RunMetrics>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(RunMetrics.MeterName));
        return services;
    }
}
