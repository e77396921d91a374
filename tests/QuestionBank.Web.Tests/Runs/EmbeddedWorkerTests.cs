using System.Diagnostics;
using System.Globalization;

namespace QuestionBank.Web.Tests.Runs;

/// <summary>The embedded default's worker is a child process of the app: started with it, restarted when it dies, stopped with it.</summary>
[Trait(TestCategory.Name, TestCategory.Jail)]
[Collection(TrainingCollection.Name)]
public sealed class EmbeddedWorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheWorkerIsAChildProcessThatIsRestartedWhenItDiesAndStoppedWithTheApp()
    {
        var database = await TestCluster.SeededDatabaseAsync();
        var app = new QuestionBankApp(database, QuestionBankApp.WithWorker);
        (await app.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();

        var first = await WaitForWorkerAsync(database, except: null);
        Process.GetProcessById(first).Kill();
        var second = await WaitForWorkerAsync(database, except: first);
        await app.DisposeAsync();

        Assert.NotEqual(first, second);
        Assert.Empty(Workers(database));
    }

    /// <summary>The app's worker processes: this process's children started on the given database.</summary>
    private static List<int> Workers(string database) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsWorkerOf(pid, database)),
    ];

    private static bool IsWorkerOf(int pid, string database)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may hold spaces: state, then the parent's pid.
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            return parent == Environment.ProcessId
                && File.ReadAllText($"/proc/{pid}/cmdline").Contains("QuestionBank.Sandbox.dll", StringComparison.Ordinal)
                && File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains($"ConnectionStrings__QuestionBank={database}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false; // It ended while we looked.
        }
    }

    private static async Task<int> WaitForWorkerAsync(string database, int? except)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Workers(database).Where(pid => pid != except).ToList() is [var pid])
            {
                return pid;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No worker process of the app appeared within {Patience}.");
    }
}
