using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Jail;

/// <summary>
/// One jailed process from start to exit: it writes the job to standard input, splits standard
/// output into protocol messages (<see cref="Messages"/>) and user output, sends requests, and
/// enforces the wall-clock limit and cancellation. Disposing it kills what is left of the process
/// and removes its cgroups and job folder.
/// </summary>
public sealed class JailSession : IAsyncDisposable
{
    private const int MaxLineBytes = 4 * 1024 * 1024;
    private const int MaxErrorBytes = 16 * 1024;
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly ParentThread parent;
    private readonly DirectoryInfo jobDirectory;
    private readonly CgroupLimits? cgroups;
    private readonly SandboxOptions settings;
    private readonly string token;
    // Bounded: when the reader of Messages falls behind, the jail blocks on its own output.
    private readonly Channel<RunnerMessage> messages = Channel.CreateBounded<RunnerMessage>(64);
    private readonly SemaphoreSlim input = new(1, 1);
    private readonly StringBuilder output = new();
    private readonly CancellationTokenSource timeout;
    private readonly CancellationToken cancellation;

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
        timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds));
    }

    /// <summary>The runner's protocol messages, in order; complete when its standard output closes.</summary>
    public ChannelReader<RunnerMessage> Messages => messages.Reader;

    /// <summary>How the process ended, once it has.</summary>
    public Task<JailOutcome> Completion { get; private set; } = null!;

    internal static async Task<JailSession> StartAsync(
        ProcessStartInfo startInfo, RunnerJob? job, IReadOnlyDictionary<string, byte[]> files,
        DirectoryInfo jobDirectory, CgroupLimits? cgroups, SandboxOptions settings, CancellationToken cancellationToken)
    {
        var parent = ParentThread.Start(startInfo, jobDirectory.Name);
        Process process;
        try
        {
            process = await parent.Process;
        }
        catch
        {
            parent.Dispose();
            throw;
        }
        var session = new JailSession(process, parent, jobDirectory, cgroups, settings, job?.Token ?? "", cancellationToken);
        session.Completion = session.SuperviseAsync(job, files);
        return session;
    }

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
    }

    private async Task<JailOutcome> SuperviseAsync(RunnerJob? job, IReadOnlyDictionary<string, byte[]> files)
    {
        var clock = Stopwatch.StartNew();
        var reading = ReadProtocolAsync(process.StandardOutput.BaseStream);
        var errors = ReadTailAsync(process.StandardError.BaseStream);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellation);
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
        await Task.WhenAll(reading, errors);
        return new JailOutcome(
            process.ExitCode,
            TimedOut: timeout.IsCancellationRequested,
            Cancelled: cancellation.IsCancellationRequested && !timeout.IsCancellationRequested,
            OutOfMemory: cgroups?.OutOfMemoryKilled() ?? false,
            Output: output.ToString(),
            Errors: await errors,
            Wall: clock.Elapsed);
    }

    private async Task WriteJobAsync(RunnerJob job, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
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
    /// Splits standard output into lines without ever holding more than <see cref="MaxLineBytes"/>
    /// of one. Lines with the job's token are protocol messages; the rest is user output.
    /// </summary>
    private async Task ReadProtocolAsync(Stream stdout)
    {
        try
        {
            var line = new MemoryStream();
            var overflow = false;
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stdout.ReadAsync(buffer)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        continue;
                    }
                    Append(line, buffer.AsSpan(start, i - start), ref overflow);
                    await HandleLineAsync(line, overflow);
                    line.SetLength(0);
                    overflow = false;
                    start = i + 1;
                }
                Append(line, buffer.AsSpan(start, read - start), ref overflow);
            }
            if (line.Length > 0)
            {
                await HandleLineAsync(line, overflow);
            }
        }
        finally
        {
            messages.Writer.Complete();
        }
    }

    private static void Append(MemoryStream line, ReadOnlySpan<byte> bytes, ref bool overflow)
    {
        var room = (int)Math.Max(0, MaxLineBytes - line.Length);
        line.Write(bytes[..Math.Min(room, bytes.Length)]);
        overflow |= bytes.Length > room;
    }

    private async Task HandleLineAsync(MemoryStream line, bool overflow)
    {
        var outputLimit = settings.OutputLimitKb * 1024;
        RunnerMessage? message = null;
        if (!overflow && token.Length > 0 && line.Length > 0 && line.GetBuffer()[0] == '{')
        {
            try
            {
                message = JsonSerializer.Deserialize<RunnerMessage>(line.GetBuffer().AsSpan(0, (int)line.Length), RunnerMessage.Json);
            }
            catch (JsonException)
            {
                // Not ours: user output that happens to start with a brace.
            }
        }
        if (message is not null && message.Token == token)
        {
            if (message.Type == RunnerMessage.Output)
            {
                AppendOutput(message.Text ?? "", outputLimit);
            }
            else
            {
                await messages.Writer.WriteAsync(message);
            }
            return;
        }
        var text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)Math.Min(line.Length, outputLimit));
        AppendOutput(overflow ? text + "…\n" : text + "\n", outputLimit);
    }

    private void AppendOutput(string text, int limit)
    {
        const string marker = "\n[output truncated]\n";
        var room = limit - output.Length;
        if (room >= text.Length)
        {
            output.Append(text);
        }
        else if (room >= 0)
        {
            output.Append(text, 0, room).Append(marker);
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
    private sealed class ParentThread : IDisposable
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
