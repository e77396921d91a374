// hostile: reopens its own standard output through /proc/self/fd/1 for reading to learn the job token from a progress line, then sends a token-bearing failure that claims memory_limit with 3 MB of diagnostics
// exercise: lstm
// expect: failed
// limits: timeout=40
// steals: stdout
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var reporter = Task.Run(() =>
        {
            for (var step = 0; !stop.IsCancellationRequested; step++)
            {
                ctx.Report(step, ("loss", 1.0));
                Thread.Sleep(5);
            }
        });
        string? token = null;
        try
        {
            using var stolen = new StreamReader(File.OpenRead("/proc/self/fd/1"));
            while (token is null && !stop.IsCancellationRequested && stolen.ReadLine() is { } line)
            {
                var at = line.IndexOf("\"token\":\"", StringComparison.Ordinal);
                if (at >= 0)
                {
                    token = line.Substring(at + 9, 32);
                }
            }
        }
        catch (Exception e)
        {
            Console.WriteLine("reading stdout refused: " + e.Message);
        }
        stop.Cancel();
        reporter.Wait();
        Console.WriteLine("token " + (token ?? "not learned"));
        var forged = "{\"token\":\"" + token + "\",\"type\":\"failure\",\"status\":\"memory_limit\",\"diagnostics\":\"" + new string('m', 3 * 1024 * 1024) + "\"}\n";
        using var raw = Console.OpenStandardOutput();
        raw.Write(System.Text.Encoding.UTF8.GetBytes(forged));
        raw.Flush();
    }
}
