using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// One jailed process from start to exit: it writes the job to standard input, splits standard
/// output into protocol messages (<see cref="Messages"/>) and user output, sends requests, and
/// enforces the time limit (its own time: wall clock less the seconds it waited for a CPU), the
/// wall-clock cap, the worker's CPU budget for its output, and cancellation. Disposing it kills what is left of the process
/// and removes its cgroups and job folder.
/// </summary>
public sealed class JailSession : IAsyncDisposable
{
    /// <summary>The longest protocol line (the largest answer, an image or a model's state, in base64); longer ones are dropped.</summary>
    private const int MaxLineBytes = 4 * 1024 * 1024;

    /// <summary>Protocol bytes a run may send in all: a judge's answers, images and progress stay far below.</summary>
    private const long MaxProtocolBytes = 256L * 1024 * 1024;
    private const int MaxErrorBytes = 16 * 1024;
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FloodPause = TimeSpan.FromMilliseconds(10);

    private readonly Process process;
    private readonly ParentThread parent;
    private readonly DirectoryInfo jobDirectory;
    private readonly CgroupLimits? cgroups;
    private readonly SandboxOptions settings;
    private readonly string token;
    private readonly byte[] protocolPrefix;
    // Bounded: when the reader of Messages falls behind, the jail blocks on its own output.
    private readonly Channel<RunnerMessage> messages = Channel.CreateBounded<RunnerMessage>(64);
    private readonly SemaphoreSlim input = new(1, 1);
    private readonly StringBuilder output = new();
    private readonly CancellationTokenSource timeout = new();
    private readonly CancellationToken cancellation;
    private TimeSpan workerCpu;
    private volatile bool outputBudgetExceeded;
    private bool serverBusy;
    private double waitedSeconds;
    private double ownSeconds;

    private JailSession(Process process, ParentThread parent, DirectoryInfo jobDirectory, CgroupLimits? cgroups,
        SandboxOptions settings, string token, CancellationToken cancellation)
    {
        this.process = process;
        this.parent = parent;
        this.jobDirectory = jobDirectory;
        this.cgroups = cgroups;
        this.settings = settings;
        this.token = token;
        this.cancellation = cancellation;
        // The runner writes the token first (RunnerMessage's first property), so a line is known by its first bytes.
        protocolPrefix = token.Length == 0 ? [] : Encoding.UTF8.GetBytes($"{{\"token\":\"{token}\",");
    }

    /// <summary>The runner's protocol messages, in order; complete when its standard output closes.</summary>
    public ChannelReader<RunnerMessage> Messages => messages.Reader;

    /// <summary>The run's own time so far, in whole seconds: the wall clock less the seconds it waited for a CPU.</summary>
    public double OwnSeconds => Volatile.Read(ref ownSeconds);

    /// <summary>How the process ended, once it has.</summary>
    public Task<JailOutcome> Completion { get; private set; } = null!;

    /// <summary>
    /// Starts the jailed process, which waits for its job on standard input: a Python runner imports
    /// torch meanwhile, so that a spare started ahead of a run skips the interpreter's start (<see cref="SandboxJail"/>).
    /// </summary>
    internal static async Task<StartedJail> LaunchAsync(ProcessStartInfo startInfo, DirectoryInfo jobDirectory, CgroupLimits? cgroups)
    {
        var parent = ParentThread.Start(startInfo, jobDirectory.Name);
        try
        {
            return new StartedJail(await parent.Process, parent, jobDirectory, cgroups);
        }
        catch
        {
            parent.Dispose();
            throw;
        }
    }

    /// <summary>Gives <paramref name="started"/> its job (none for a trusted program) and supervises it from now on: its time starts here.</summary>
    internal static JailSession Supervise(
        StartedJail started, RunnerHeader? job, IReadOnlyDictionary<string, byte[]> files, SandboxOptions settings, CancellationToken cancellationToken)
    {
        var session = new JailSession(started.Process, started.Parent, started.JobDirectory, started.Cgroups, settings, job?.Token ?? "", cancellationToken);
        session.Completion = session.SuperviseAsync(job, files);
        return session;
    }

    /// <summary>Runs once the session has been disposed (the jail uses it to start a spare).</summary>
    internal Action? Disposed { get; set; }

    /// <summary>Sends a request on the runner's standard input; false when the process no longer reads it.</summary>
    public async Task<bool> SendAsync(RunnerRequest request)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(request, RunnerMessage.Json);
        await input.WaitAsync();
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(line);
            process.StandardInput.BaseStream.WriteByte((byte)'\n');
            await process.StandardInput.BaseStream.FlushAsync();
            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            input.Release();
        }
    }

    /// <summary>Kills the process and everything in its cgroups now.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        cgroups?.KillAll();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        // Whatever is still unread must not keep the output reader waiting for room.
        var draining = Task.Run(async () =>
        {
            await foreach (var _ in messages.Reader.ReadAllAsync())
            {
            }
        });
        await Completion;
        await draining;
        process.Dispose();
        parent.Dispose();
        cgroups?.Dispose();
        timeout.Dispose();
        input.Dispose();
        jobDirectory.Delete(recursive: true);
        Disposed?.Invoke();
    }

    private async Task<JailOutcome> SuperviseAsync(RunnerHeader? job, IReadOnlyDictionary<string, byte[]> files)
    {
        var clock = Stopwatch.StartNew();
        var reading = ReadProtocolAsync(process.StandardOutput.BaseStream);
        var errors = ReadTailAsync(process.StandardError.BaseStream);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellation);
        using var ended = new CancellationTokenSource();
        var watching = WatchTimeAsync(clock, ended.Token);
        try
        {
            if (job is not null)
            {
                await WriteJobAsync(job, files, stop.Token);
            }
            else
            {
                process.StandardInput.Close();
            }
            await process.WaitForExitAsync(stop.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            if (cancellation.IsCancellationRequested && !timeout.IsCancellationRequested)
            {
                await AskToCancelAsync();
            }
            Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
        await ended.CancelAsync();
        await Task.WhenAll(reading, errors, watching);
        return new JailOutcome(
            process.ExitCode,
            TimedOut: timeout.IsCancellationRequested && !serverBusy && !outputBudgetExceeded,
            Cancelled: cancellation.IsCancellationRequested && !timeout.IsCancellationRequested,
            OutOfMemory: cgroups?.OutOfMemoryKilled() ?? false,
            Output: output.ToString(),
            Errors: await errors,
            Wall: clock.Elapsed)
        {
            ServerBusy = serverBusy,
            WaitedSeconds = waitedSeconds,
            OutputBudgetExceeded = outputBudgetExceeded,
            MemoryLimitReached = cgroups?.MemoryLimitReached() ?? false,
        };
    }

    /// <summary>
    /// Once a second: a second in which the run had a runnable thread but got less than half a CPU
    /// was spent waiting for one, and does not count against <see cref="SandboxOptions.TimeoutSeconds"/>;
    /// the wall clock is capped at <see cref="SandboxOptions.BusyWallMultiple"/> times that (server_busy
    /// when the run's own time was still under it). Without cgroups of its own, the wall clock is the run's time.
    /// </summary>
    private async Task WatchTimeAsync(Stopwatch clock, CancellationToken ended)
    {
        var limit = settings.TimeoutSeconds;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = cgroups?.Sample();
        var lastWall = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(ended))
            {
                var wall = clock.Elapsed.TotalSeconds;
                if (last is { } before && cgroups?.Sample() is { } now)
                {
                    if (now.Runnable && now.CpuSeconds - before.CpuSeconds < 0.5 * (wall - lastWall))
                    {
                        waitedSeconds += wall - lastWall;
                    }
                    last = now;
                }
                lastWall = wall;
                Volatile.Write(ref ownSeconds, wall - waitedSeconds);
                if (wall - waitedSeconds >= limit)
                {
                    break;
                }
                if (wall >= limit * settings.BusyWallMultiple)
                {
                    serverBusy = true;
                    break;
                }
            }
            await timeout.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            // The process ended first.
        }
    }

    private async Task WriteJobAsync(RunnerHeader job, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(
            job with { Files = [.. files.Select(file => new RunnerFile(file.Key, file.Value.Length))] }, RunnerMessage.Json);
        await input.WaitAsync(cancellationToken);
        try
        {
            var stdin = process.StandardInput.BaseStream;
            await stdin.WriteAsync(header, cancellationToken);
            stdin.WriteByte((byte)'\n');
            foreach (var file in files.Values)
            {
                await stdin.WriteAsync(file, cancellationToken);
            }
            await stdin.FlushAsync(cancellationToken);
        }
        finally
        {
            input.Release();
        }
        // Standard input stays open for requests: closing it is not a cancellation, a cancel request is.
    }

    private async Task AskToCancelAsync()
    {
        if (await SendAsync(new RunnerRequest(RunnerRequest.Cancel)))
        {
            using var grace = new CancellationTokenSource(CancelGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // It did not stop in time: it gets killed next.
            }
        }
    }

    /// <summary>
    /// Splits standard output into lines and decides each one from its first bytes: a line that
    /// starts with <see cref="protocolPrefix"/> (the job's token) is buffered, up to
    /// <see cref="MaxLineBytes"/>, and parsed as a protocol message; any other line is user output,
    /// decoded only while the output limit has room and otherwise skipped unread. The worker's CPU
    /// spent on this (its own thread CPU clock) is counted against <see cref="SandboxOptions.WorkerCpuSeconds"/>,
    /// and protocol lines against <see cref="MaxProtocolBytes"/>.
    /// Once the output is full, a chunk with no protocol bytes in it is followed by a pause: a flood
    /// of output then blocks the jail on its own writes instead of costing the worker a read per 64 KB.
    /// </summary>
    private async Task ReadProtocolAsync(Stream stdout)
    {
        var lines = new LineSplitter(protocolPrefix, MaxLineBytes, this);
        var budget = TimeSpan.FromSeconds(settings.WorkerCpuSeconds);
        var parsed = new List<RunnerMessage>();
        var protocolTotal = 0L;
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stdout.ReadAsync(buffer)) > 0)
            {
                if (outputBudgetExceeded)
                {
                    continue; // The run is being killed: what is left is drained unread.
                }
                var before = ThreadCpuClock.Now();
                var protocolBytes = lines.Feed(buffer.AsSpan(0, read), parsed);
                workerCpu += ThreadCpuClock.Now() - before;
                foreach (var message in parsed)
                {
                    await messages.Writer.WriteAsync(message);
                }
                parsed.Clear();
                protocolTotal += protocolBytes;
                if (workerCpu > budget || protocolTotal > MaxProtocolBytes)
                {
                    outputBudgetExceeded = true;
                    Kill();
                }
                else if (protocolBytes == 0 && OutputFull)
                {
                    await Task.Delay(FloodPause);
                }
            }
            if (!outputBudgetExceeded)
            {
                lines.End(parsed);
                foreach (var message in parsed)
                {
                    await messages.Writer.WriteAsync(message);
                }
            }
        }
        finally
        {
            messages.Writer.Complete();
        }
    }

    /// <summary>A protocol line, or null: output messages are appended to the output here, anything unparsable is dropped.</summary>
    private RunnerMessage? Parse(ReadOnlySpan<byte> line)
    {
        RunnerMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<RunnerMessage>(line, RunnerMessage.Json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (message is null || message.Token != token)
        {
            return null;
        }
        if (message.Type == RunnerMessage.Output)
        {
            AppendOutput(message.Text ?? "");
            return null;
        }
        return message;
    }

    /// <summary>Keeps user output up to the limit; at the first text past it the output ends with a marker, and the rest is dropped.</summary>
    private void AppendOutput(string text)
    {
        if (OutputFull || text.Length == 0)
        {
            return;
        }
        const string marker = "\n[output truncated]\n";
        var limit = settings.OutputLimitKb * 1024;
        var room = limit - output.Length;
        if (room >= text.Length)
        {
            output.Append(text);
            return;
        }
        // The marker goes within the limit, so that no later cap of the stored output cuts it off.
        output.Append(text, 0, room);
        output.Length = Math.Max(0, limit - marker.Length);
        output.Append(marker);
        OutputFull = true;
    }

    /// <summary>Whether output past the limit has arrived (and was marked): from then on it is dropped unread.</summary>
    private bool OutputFull { get; set; }

    /// <summary>
    /// Cuts the byte stream into lines without holding any but a protocol line, and that only up to
    /// its limit: a line's kind is known from its first <c>prefix.Length</c> bytes.
    /// </summary>
    private sealed class LineSplitter(byte[] prefix, int maxLineBytes, JailSession session)
    {
        private enum Kind { Undecided, Protocol, Output, Dropped }

        private readonly byte[] head = new byte[prefix.Length];
        private readonly Decoder decoder = Encoding.UTF8.GetDecoder();
        private readonly char[] chars = new char[64 * 1024];
        private readonly MemoryStream line = new();
        private int headLength;
        private Kind kind = prefix.Length == 0 ? Kind.Output : Kind.Undecided;

        /// <summary>Splits <paramref name="bytes"/>; returns how many of them belong to protocol lines.</summary>
        public int Feed(ReadOnlySpan<byte> bytes, List<RunnerMessage> parsed)
        {
            var protocolBytes = 0;
            while (!bytes.IsEmpty)
            {
                var newline = bytes.IndexOf((byte)'\n');
                var part = newline < 0 ? bytes : bytes[..newline];
                Add(part);
                protocolBytes += kind == Kind.Protocol ? part.Length : 0;
                if (newline < 0)
                {
                    break;
                }
                EndLine(parsed);
                bytes = bytes[(newline + 1)..];
            }
            return protocolBytes;
        }

        public void End(List<RunnerMessage> parsed)
        {
            if (kind != Kind.Undecided || headLength > 0)
            {
                EndLine(parsed);
            }
        }

        private void Add(ReadOnlySpan<byte> part)
        {
            if (kind == Kind.Undecided)
            {
                var take = Math.Min(prefix.Length - headLength, part.Length);
                part[..take].CopyTo(head.AsSpan(headLength));
                headLength += take;
                part = part[take..];
                if (!head.AsSpan(0, headLength).SequenceEqual(prefix.AsSpan(0, headLength)))
                {
                    kind = Kind.Output;
                    WriteOutput(head.AsSpan(0, headLength));
                }
                else if (headLength == prefix.Length)
                {
                    kind = Kind.Protocol;
                    line.Write(head);
                }
            }
            switch (kind)
            {
                case Kind.Protocol when line.Length + part.Length > maxLineBytes:
                    kind = Kind.Dropped;
                    line.SetLength(0);
                    break;
                case Kind.Protocol:
                    line.Write(part);
                    break;
                case Kind.Output:
                    WriteOutput(part);
                    break;
            }
        }

        private void EndLine(List<RunnerMessage> parsed)
        {
            switch (kind)
            {
                case Kind.Undecided:
                    WriteOutput(head.AsSpan(0, headLength));
                    WriteOutput("\n"u8);
                    break;
                case Kind.Output:
                    WriteOutput("\n"u8);
                    break;
                case Kind.Protocol when session.Parse(line.GetBuffer().AsSpan(0, (int)line.Length)) is { } message:
                    parsed.Add(message);
                    break;
                case Kind.Dropped:
                    session.AppendOutput($"\n[a line over {maxLineBytes / (1024 * 1024)} MB was dropped]\n");
                    break;
            }
            line.SetLength(0);
            headLength = 0;
            kind = prefix.Length == 0 ? Kind.Output : Kind.Undecided;
        }

        /// <summary>User output: decoded only while the output has room, so a flood past the limit costs a scan for newlines.</summary>
        private void WriteOutput(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty && !session.OutputFull)
            {
                var take = Math.Min(bytes.Length, chars.Length);
                var count = decoder.GetChars(bytes[..take], chars, flush: false);
                session.AppendOutput(new string(chars, 0, count));
                bytes = bytes[take..];
            }
        }
    }

    private static async Task<string> ReadTailAsync(Stream stderr)
    {
        using var reader = new StreamReader(stderr);
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > MaxErrorBytes)
            {
                tail.Remove(0, tail.Length - MaxErrorBytes);
            }
        }
        return tail.ToString();
    }

    /// <summary>
    /// Starts the jail from a thread that lives until the run ends. --die-with-parent is the
    /// kernel's parent-death signal, which fires when the thread that forked the child exits, not
    /// the process; started from a pool thread, the jail would be killed whenever the pool retires it.
    /// </summary>
    internal sealed class ParentThread : IDisposable
    {
        private readonly TaskCompletionSource<Process> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim ended = new();

        public Task<Process> Process => started.Task;

        public static ParentThread Start(ProcessStartInfo startInfo, string name)
        {
            var parent = new ParentThread();
            new Thread(() =>
            {
                try
                {
                    parent.started.SetResult(System.Diagnostics.Process.Start(startInfo)
                        ?? throw new InvalidOperationException("Could not start bubblewrap."));
                }
                catch (Exception exception)
                {
                    parent.started.SetException(exception);
                    return;
                }
                parent.ended.Wait();
            })
            { IsBackground = true, Name = $"jail {name}" }.Start();
            return parent;
        }

        public void Dispose()
        {
            ended.Set();
        }
    }
}

/// <summary>A jailed process that has started and waits for its job; disposing an unused one kills it and cleans up.</summary>
internal sealed record StartedJail(Process Process, JailSession.ParentThread Parent, DirectoryInfo JobDirectory, CgroupLimits? Cgroups) : IDisposable
{
    public bool Alive
    {
        get
        {
            try
            {
                return !Process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        Cgroups?.KillAll();
        Process.Dispose();
        Parent.Dispose();
        Cgroups?.Dispose();
        JobDirectory.Delete(recursive: true);
    }
}
