using System.Text;
using System.Text.Json;
using QuestionBank.Contracts;
using QuestionBank.Exercises;

namespace QuestionBank.Sandbox.Runner;

/// <summary>
/// Writes <see cref="RunnerMessage"/> lines on the runner's original standard output, and is the
/// exercise's reporter. It bounds nothing: what arrives from the jail is bounded by the worker.
/// </summary>
internal sealed class ProtocolWriter(Stream output, string token) : IExerciseReporter
{
    private readonly Lock gate = new();

    public void Send(RunnerMessage message)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message with { Token = token }, RunnerMessage.Json);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        // One write per line: user code may write to the same raw standard output from its own
        // threads, and a write between a message and its newline would cost the run that message.
        lock (gate)
        {
            output.Write(line);
            output.Flush();
        }
    }

    public void Progress(int step, IReadOnlyDictionary<string, double> metrics) =>
        Send(new RunnerMessage(token, RunnerMessage.Progress, Step: step, Metrics: metrics));

    public void Image(string name, byte[] png) =>
        Send(new RunnerMessage(token, RunnerMessage.Image, Name: name, Data: Convert.ToBase64String(png)));

    /// <summary>Forwards what user code writes to the console as output messages, up to a limit.</summary>
    public TextWriter CreateConsoleCapture(int limitBytes) => new ConsoleCapture(this, limitBytes);

    private sealed class ConsoleCapture(ProtocolWriter protocol, int limitBytes) : TextWriter
    {
        private readonly StringBuilder pending = new();
        private long written;
        private long dropped;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            lock (pending)
            {
                var room = (int)Math.Clamp(limitBytes - written, 0, value.Length);
                pending.Append(value, 0, room);
                written += room;
                dropped += value.Length - room;
                if (pending.Length >= 4096 || value.Contains('\n'))
                {
                    FlushPending();
                }
            }
        }

        public override void Flush()
        {
            lock (pending)
            {
                FlushPending();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Flush();
                if (dropped > 0)
                {
                    protocol.Send(new RunnerMessage("", RunnerMessage.Output, Text: $"\n[output truncated: {dropped} more characters]\n"));
                }
            }
            base.Dispose(disposing);
        }

        private void FlushPending()
        {
            if (pending.Length > 0)
            {
                protocol.Send(new RunnerMessage("", RunnerMessage.Output, Text: pending.ToString()));
                pending.Clear();
            }
        }
    }
}
