using System.Diagnostics;
using System.Runtime.Versioning;

namespace QuestionBank.Web.Tests.ScaleOut;

/// <summary>A worker started without the image entrypoint's root step, as it would be in a container run as a plain user.</summary>
public sealed class UnprivilegedWorkerTests
{
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task AnUnprivilegedWorkerThatCannotLimitRunsRefusesToStartAndSaysWhatToDo()
    {
        // A uid that owns nothing here: no delegated cgroup, no capabilities, no supplementary groups.
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--reuid=65533", "--regid=65533", "--clear-groups", "--inh-caps=-all", "--", "dotnet", WorkerTests.WorkerProcess.WorkerDll })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = "/tmp";
        // Never reached: the check comes before the worker touches the queue.
        start.Environment["ConnectionStrings__QuestionBank"] = "Host=127.0.0.1;Port=1;Database=unreachable";
        using var worker = Process.Start(start)!;
        var output = worker.StandardOutput.ReadToEndAsync();
        var errors = worker.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await worker.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }

        var message = await errors;
        Assert.True(worker.ExitCode == 3, $"exit {worker.ExitCode}: {message}{await output}");
        Assert.Contains("cannot create a run's cgroups", message);
        Assert.Contains("QuestionBank:Sandbox:ContainerLimits=true", message);
    }
}
