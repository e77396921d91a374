using System.Diagnostics;

namespace QuestionBank.Benchmarks;

/// <summary>Sends a fixed number of requests with a fixed number of workers and records each request's latency.</summary>
public sealed class LoadRunner(Uri baseAddress, int concurrency)
{
    // A replica that has just started may still be loading its search index when the warm-up begins.
    private readonly HttpClient client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };

    public sealed record Result(string Name, int Requests, int Failures, double P50, double P95, double P99, double Max, double Throughput);

    public Task<Result> RunAsync(string name, IReadOnlyList<string> urls, int requests) =>
        RunAsync(name, requests, i => client.GetAsync(urls[i % urls.Count], HttpCompletionOption.ResponseContentRead));

    /// <summary>Sends <paramref name="requests"/> requests made by <paramref name="send"/> (given the request's number), e.g. as different signed-in learners.</summary>
    public async Task<Result> RunAsync(string name, int requests, Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new double[requests];
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var watch = Stopwatch.StartNew();
                using var response = await send(i);
                latencies[i] = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(workers);
        var seconds = total.Elapsed.TotalSeconds;

        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new Result(name, requests, failures, Percentile(0.50), Percentile(0.95), Percentile(0.99), latencies[^1], requests / seconds);
    }
}
