using System.Collections.Concurrent;
using System.Text.Json;
using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Runner;

/// <summary>
/// Reads the worker's requests from standard input on a thread of its own: a start lets the user's code
/// begin, a cancel cancels <see cref="Cancellation"/> at once, forward and state requests queue up for the
/// answering loop, and an end (or the end of input) closes that queue.
/// </summary>
internal sealed class RequestReader : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly BlockingCollection<RunnerRequest> forwards = new();
    private readonly TaskCompletionSource<bool> start = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RequestReader(Stream input)
    {
        new Thread(() => Read(input)) { IsBackground = true, Name = "request reader" }.Start();
    }

    public CancellationToken Cancellation => cancellation.Token;

    public static RequestReader Start(Stream input) => new(input);

    /// <summary>Waits for the worker's start; false when its requests ended without one.</summary>
    public bool WaitForStart() => start.Task.GetAwaiter().GetResult();

    /// <summary>The forward and state requests, in order, until the worker says it has no more.</summary>
    public IEnumerable<RunnerRequest> Questions() => forwards.GetConsumingEnumerable();

    public void Dispose()
    {
        cancellation.Dispose();
        forwards.Dispose();
    }

    private void Read(Stream input)
    {
        using var reader = new StreamReader(input);
        while (reader.ReadLine() is { } line)
        {
            var request = JsonSerializer.Deserialize<RunnerRequest>(line, RunnerMessage.Json);
            switch (request?.Type)
            {
                case RunnerRequest.Start:
                    start.TrySetResult(true);
                    break;
                case RunnerRequest.Cancel:
                    cancellation.Cancel();
                    break;
                case RunnerRequest.Forward or RunnerRequest.State:
                    forwards.Add(request);
                    break;
                case RunnerRequest.End:
                    forwards.CompleteAdding();
                    start.TrySetResult(false);
                    return;
            }
        }
        forwards.CompleteAdding();
        start.TrySetResult(false);
    }
}
