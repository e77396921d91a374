using System.Net;
using System.Net.Sockets;
using QuestionBank.Contracts;
using QuestionBank.Data.Runs;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Sandbox.Execution;
using QuestionBank.Sandbox.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QuestionBank.Sandbox.Tests.Jail;

/// <summary>
/// Hostile code runs in the real jail and fails without harm, and the sandbox stays healthy: after
/// each case a normal run still succeeds.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(SandboxCollection.Name)]
public sealed class HostileSourceTests(ITestOutputHelper log)
{
    private static readonly ExerciseParameters QuickLstm = new(Epochs: 2, LearningRate: 0.005, BatchSize: 64, Seed: 1);

    private static string Attempt(string body) => $$"""
        public class Solution
        {
            public void Run(ExerciseContext ctx)
            {
                try
                {
                    {{body}}
                }
                catch (Exception e)
                {
                    Console.WriteLine("refused: " + e.GetType().Name + ": " + e.Message);
                }
            }
        }
        """;

    [Fact]
    public async Task ConnectingToAServerOnTheHostsLoopbackFails()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await RunHostileAsync(Attempt(
            $"new System.Net.Sockets.TcpClient().Connect(\"127.0.0.1\", {port}); Console.WriteLine(\"connected\");"));

        Assert.Contains("refused: SocketException", result.Output);
        Assert.DoesNotContain("connected", result.Output.Replace("refused", ""));
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task ReadingEtcShadowFails()
    {
        var result = await RunHostileAsync(Attempt("Console.WriteLine(File.ReadAllText(\"/etc/shadow\"));"));

        Assert.Contains("refused: ", result.Output);
        Assert.DoesNotContain("root:", result.Output);
    }

    [Fact]
    public async Task TheRepositoryAndTheHomeDirectoryAreNotVisible()
    {
        var repositoryFile = typeof(HostileSourceTests).Assembly.Location;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var result = await RunHostileAsync(Attempt($$"""
            Console.WriteLine(File.Exists("{{repositoryFile}}") ? "repository visible" : "repository hidden");
            Console.WriteLine(Directory.Exists("{{home}}") && Directory.GetFileSystemEntries("{{home}}").Length > 0 ? "home visible" : "home hidden");
            Console.WriteLine(Directory.Exists("/root") ? "root visible" : "root hidden");
            Console.WriteLine(Directory.Exists("/etc") ? "etc visible" : "etc hidden");
            """));

        Assert.Contains("repository hidden", result.Output);
        Assert.Contains("home hidden", result.Output);
        Assert.Contains("root hidden", result.Output);
        Assert.Contains("etc hidden", result.Output);
    }

    [Fact]
    public async Task TheParentsEnvironmentVariablesAreNotVisible()
    {
        const string name = "QB_TEST_SECRET";
        var secret = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, secret);
        try
        {
            var result = await RunHostileAsync(Attempt("""
                foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
                {
                    Console.WriteLine($"{variable.Key}={variable.Value}");
                }
                Console.WriteLine(File.ReadAllText("/proc/1/environ"));
                """));

            Assert.Contains("DOTNET_ROOT=/opt/dotnet", result.Output);
            Assert.DoesNotContain(secret, result.Output);
            Assert.DoesNotContain(name, result.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task WritingOutsideTmpFailsAndTmpIsWritableUpToItsCap()
    {
        var result = await RunHostileAsync(Attempt("""
            foreach (var path in new[] { "/app/x", "/job/x", "/usr/x", "/opt/dotnet/x", "/x", "/proc/x" })
            {
                try { File.WriteAllText(path, "x"); Console.WriteLine("wrote " + path); }
                catch (Exception e) { Console.WriteLine("refused " + path + ": " + e.GetType().Name); }
            }
            File.WriteAllText("/tmp/x", "x");
            Console.WriteLine("tmp ok");
            try
            {
                using var big = File.Create("/tmp/big");
                var chunk = new byte[1 << 20];
                for (var i = 0; i < 300; i++) big.Write(chunk);
                big.Flush();
                Console.WriteLine("tmp unbounded");
            }
            catch (IOException) { Console.WriteLine("tmp capped"); }
            """));

        Assert.DoesNotContain("wrote ", result.Output);
        Assert.Equal(6, result.Output.Split('\n').Count(line => line.StartsWith("refused /", StringComparison.Ordinal)));
        Assert.Contains("tmp ok", result.Output);
        Assert.Contains("tmp capped", result.Output);
    }

    [Fact]
    public async Task StartingAProcessIsRefusedAtCompileTime()
    {
        // In the jail, seccomp refuses fork and vfork too (SeccompFilterTests).
        var result = await TestSandbox.RunAsync("lstm", Attempt("""
            using var process = System.Diagnostics.Process.Start("/opt/dotnet/dotnet", "--info");
            Console.WriteLine("started");
            """), TestSandbox.Limits());

        Assert.Equal(RunStatus.CompileError, result.Status);
        Assert.Contains(result.Diagnostics.CompileErrors, error => error.Code == "QB0001");
    }

    [Fact]
    public async Task AnEndlessLoopEndsOnceItsOwnTimeReachesTheLimitOrAtTheWallClockCapOnABusyHost()
    {
        var result = await RunHostileAsync(Attempt("while (true) { }"), TestSandbox.Limits(timeoutSeconds: 10));

        // On a quiet host the loop has a CPU throughout: timeout after 10 s. On a busy one the
        // seconds it waited for a CPU do not count, and the wall-clock cap (4 × 10 s) says so.
        Assert.True(result.Status == RunStatus.Timeout ? result.Diagnostics.Message!.Contains("time limit of 10 s") : result.Status == RunStatus.ServerBusy,
            $"{result.Status}: {result.Diagnostics.Message}");
        // The page shows it in the reader's language by its key.
        Assert.Contains(result.Diagnostics.Explanation?.Key, new[] { RunMessages.TimedOut.Key, RunMessages.TimedOutAfterWaiting.Key, RunMessages.ServerBusy.Key });
        Assert.InRange(result.WallSeconds, 10, 45);
    }

    [Fact]
    public async Task Allocating30GigabytesEndsAsMemoryLimit()
    {
        var result = await RunHostileAsync("""
            public class Solution
            {
                public void Run(ExerciseContext ctx)
                {
                    var blocks = new List<byte[]>();
                    for (var i = 0; i < 30 * 1024; i++)
                    {
                        var block = new byte[1 << 20];
                        Array.Fill(block, (byte)1);
                        blocks.Add(block);
                    }
                    Console.WriteLine($"allocated {blocks.Count} MB");
                }
            }
            """, TestSandbox.Limits(memoryMb: 1024));

        Assert.Equal(RunStatus.MemoryLimit, result.Status);
        Assert.Contains("memory limit of 1024 MB", result.Diagnostics.Message);
        Assert.DoesNotContain("allocated", result.Output);
    }

    [Fact]
    public async Task Printing10MegabytesIsTruncated()
    {
        var result = await RunHostileAsync("""
            public class Solution
            {
                public void Run(ExerciseContext ctx)
                {
                    var line = new string('x', 1023);
                    for (var i = 0; i < 10 * 1024; i++)
                    {
                        Console.WriteLine(line);
                    }
                    using var raw = Console.OpenStandardOutput();
                    var bytes = new byte[1 << 20];
                    Array.Fill(bytes, (byte)'y');
                    for (var i = 0; i < 10; i++)
                    {
                        raw.Write(bytes);
                    }
                }
            }
            """);

        Assert.InRange(result.Output.Length, 60 * 1024, 70 * 1024);
        Assert.Contains("[output truncated", result.Output);
    }

    /// <summary>Runs the hostile source, then checks that a normal run still succeeds.</summary>
    [Fact]
    public async Task AFailureForgedWithTheTokenReadBackFromStandardOutputSaysOnlyFailedWithCappedDiagnostics()
    {
        var forger = HostileSource.Load("forged-status-via-proc-fd");

        var result = await TestSandbox.RunAsync(forger.Exercise, forger.Source, TestSandbox.Limits(forger.TimeoutSeconds));

        Assert.Matches("token [0-9A-F]{32}", result.Output); // the attack ran: it learned the token
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.InRange(result.Diagnostics.Message!.Length, 0, RunFootprint.MaxMessageLength + 1);
    }

    [Fact]
    public async Task TheMountTablesNameNoHostFolder()
    {
        var survey = HostileSource.Load("mountinfo-survey");
        var settings = new SandboxOptions();
        string[] hostFolders =
        [
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/",
            RepositoryFolder.Path,
            settings.RunnerDirectory,
            settings.Home,
            settings.DotnetRoot.TrimEnd('/'),
            "qb-job-",
        ];

        var result = await TestSandbox.RunAsync(survey.Exercise, survey.Source, TestSandbox.Limits());

        Assert.Contains("/proc/self/mountinfo:\n", result.Output);
        Assert.Contains("/proc/self/mounts:\n", result.Output);
        Assert.Contains("/proc/1/mountinfo:", result.Output);
        Assert.Contains(" /opt/dotnet ro,", result.Output);
        Assert.Contains(" /proc ro,", result.Output);
        Assert.All(hostFolders, folder => Assert.DoesNotContain(folder, result.Output));
    }

    private async Task<RunResult> RunHostileAsync(string source, Dictionary<string, string?>? limits = null)
    {
        var hostile = await TestSandbox.RunAsync("lstm", source, limits ?? TestSandbox.Limits(), QuickLstm);
        // The tests assert on the output; when one fails, how the run ended says why the output is not there.
        log.WriteLine($"{hostile.Status} after {hostile.WallSeconds:0.0} s: {hostile.Diagnostics.Message}");
        Assert.NotEqual(RunStatus.Succeeded, hostile.Status);
        Assert.NotEqual(RunStatus.CompileError, hostile.Status);

        var lstm = ExerciseCatalog.Find("lstm")!;
        var healthy = await TestSandbox.RunAsync("lstm", lstm.Solution, TestSandbox.Limits(timeoutSeconds: 150), lstm.Defaults);
        Assert.Equal(RunStatus.Succeeded, healthy.Status);
        return hostile;
    }
}
