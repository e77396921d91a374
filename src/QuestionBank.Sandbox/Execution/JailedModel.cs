using System.Collections.Concurrent;
using QuestionBank.Contracts;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Jail;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// The worker's side of one exercise run in the jail. It reads every message the runner sends and
/// keeps only what user code may decide: that it compiled (before any of it ran), its progress
/// (downsampled to its share of <see cref="RunFootprint"/>), its images and its own failure, all bounded here. It is also the judge's
/// <see cref="IModelClient"/>: each question goes to the jail as a forward or state request, and only
/// an answer to a question asked counts.
/// </summary>
internal sealed class JailedModel(JailSession session, IRunObserver? observer) : IModelClient
{
    private const int MaxMetricsPerStep = 16;
    private const int MaxRank = 8;
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ConcurrentDictionary<long, TaskCompletionSource<RunnerMessage>> pending = new();
    private readonly List<RunImage> images = [];
    private readonly ProgressSampler progress = new();
    private long nextRequest;
    private long imageBytes;
    private bool started;
    private volatile bool ended;

    /// <summary>Set once the compiler has finished: the errors it reported (empty when it compiled).</summary>
    public IReadOnlyList<CompileError>? CompileErrors { get; private set; }

    public IReadOnlyList<RunImage> Images => images;

    /// <summary>The runner's own account of why the run could not go on (untrusted text, never a success).</summary>
    public RunnerMessage? Failure { get; private set; }

    /// <summary><see cref="Failure"/> as it is shown: the runner's words by their key, else its text as written.</summary>
    public RunMessage? FailureMessage => Failure is null ? null : WordsOf(Failure);

    /// <summary>
    /// A failure's words: only the runner's argument-free words are taken by key (the worker's own English
    /// and translations then, whatever text came with them); any other text is content and stays as written.
    /// </summary>
    public static RunMessage WordsOf(RunnerMessage failure) =>
        RunMessages.RunnerWords.FirstOrDefault(words => words.Key == failure.Key) is { } known
            ? known.With()
            : RunMessage.Plain(failure.Diagnostics ?? "");

    /// <summary>Reads the runner's messages until its output ends; <paramref name="onReady"/> runs when the model is submitted.</summary>
    public async Task PumpAsync(Action onReady)
    {
        var ready = false;
        await foreach (var message in session.Messages.ReadAllAsync())
        {
            if (message.Type == RunnerMessage.Compiled && CompileErrors is null)
            {
                CompileErrors = message.CompileErrors ?? [];
                // The report is read: the user's code may start (RunnerRequest.Start says why it waits).
                if (CompileErrors.Count == 0)
                {
                    await session.SendAsync(new RunnerRequest(RunnerRequest.Start));
                }
                continue;
            }
            // Before compiling ends no user code has run: a failure then is the runner's own (a job it cannot run), and says why.
            if (message.Type == RunnerMessage.Failure && CompileErrors is null)
            {
                Failure ??= message;
                continue;
            }
            // Everything else comes after user code has started and is as trustworthy as that code.
            if (CompileErrors is not { Count: 0 })
            {
                continue;
            }
            switch (message.Type)
            {
                case RunnerMessage.Started when !started:
                    started = true;
                    observer?.Started();
                    break;
                case RunnerMessage.Progress when message.Metrics is not null:
                    var metrics = message.Metrics
                        .Where(metric => metric.Key.Length is > 0 and <= RunFootprint.MaxNameLength)
                        .Take(MaxMetricsPerStep)
                        .ToDictionary();
                    if (progress.Keep(metrics))
                    {
                        observer?.Progress(message.Step ?? 0, metrics);
                    }
                    break;
                case RunnerMessage.Image when images.Count < RunFootprint.MaxImages && ToImage(message) is { } image
                    && imageBytes + image.Png.Length <= RunFootprint.MaxImagesBytes:
                    images.Add(image);
                    imageBytes += image.Png.Length;
                    break;
                case RunnerMessage.Ready when !ready:
                    ready = true;
                    onReady();
                    break;
                case RunnerMessage.Answer when message.Id is { } id && pending.TryRemove(id, out var answer):
                    answer.TrySetResult(message);
                    break;
                case RunnerMessage.Failure:
                    Failure ??= message;
                    break;
            }
        }
        ended = true;
        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new JudgeException(RunMessages.ModelProcessEnded.With()));
        }
    }

    public async Task<FloatTensor> ForwardAsync(FloatTensor input, CancellationToken cancellationToken)
    {
        var message = await AskAsync(id => new RunnerRequest(RunnerRequest.Forward, id, input.Shape, RunnerMessage.EncodeFloats(input.Data)), cancellationToken);
        if (message.Diagnostics is { } problem)
        {
            throw new JudgeException(RunMessages.ForwardFailed.With(problem));
        }
        if (message.Shape is { Length: > MaxRank } shape)
        {
            throw new JudgeException(RunMessages.RankTooHigh.With(shape.Length, MaxRank));
        }
        var data = message.Data is null ? null : DecodeOrNull(message.Data);
        var output = data is null || message.Shape is null ? null : new FloatTensor(data, message.Shape);
        return output is not null && message.Shape!.All(size => size >= 0) && output.ElementCount == data!.Length
            ? output
            : throw new JudgeException(RunMessages.NotATensor.With());
    }

    public async Task<ModelState> StateAsync(CancellationToken cancellationToken)
    {
        var message = await AskAsync(id => new RunnerRequest(RunnerRequest.State, id), cancellationToken);
        if (message.Diagnostics is { } problem)
        {
            throw new JudgeException(RunMessages.StateUnreadable.With(problem));
        }
        if (message.Data is not { } data || data.Length > (ModelState.MaxBytes + 64 * 1024 + 2) / 3 * 4)
        {
            throw new JudgeException(RunMessages.StateMissingOrTooBig.With());
        }
        try
        {
            return ModelState.Parse(Convert.FromBase64String(data));
        }
        catch (FormatException)
        {
            throw new JudgeException(RunMessages.NotAState.With());
        }
    }

    /// <summary>Sends one question and waits for the answer to it.</summary>
    private async Task<RunnerMessage> AskAsync(Func<long, RunnerRequest> question, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextRequest);
        var answer = new TaskCompletionSource<RunnerMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        if (ended || !await session.SendAsync(question(id)))
        {
            throw new JudgeException(RunMessages.ModelProcessEnded.With());
        }
        return await answer.Task.WaitAsync(cancellationToken);
    }

    private static float[]? DecodeOrNull(string data)
    {
        try
        {
            return RunnerMessage.DecodeFloats(data);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A PNG the user's code published, or null when it is not one (or too big, or badly named).</summary>
    private static RunImage? ToImage(RunnerMessage message)
    {
        if (message.Name is not { Length: > 0 and <= RunFootprint.MaxNameLength } name || message.Data is null
            || !name.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_')
            || message.Data.Length > (RunFootprint.MaxImageBytes + 2) / 3 * 4)
        {
            return null;
        }
        try
        {
            var png = Convert.FromBase64String(message.Data);
            return png.AsSpan().StartsWith(PngSignature) ? new RunImage(name, png) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
