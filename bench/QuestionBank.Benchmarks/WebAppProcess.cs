using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QuestionBank.Benchmarks;

/// <summary>The Release build of the web app in its own process, so the load generator does not share its CPU time or GC.</summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process process;

    private WebAppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<WebAppProcess> StartAsync(string repo, string connectionString)
    {
        var dll = Path.Combine(repo, "src", "QuestionBank.Web", "bin", "Release", "net10.0", "QuestionBank.Web.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__QuestionBank"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The learner scenarios sign up (or, on a kept cluster, sign in) their learners from this one address.
        start.Environment["QuestionBank__Accounts__SignUpsPerMinute"] = "100000";
        start.Environment["QuestionBank__Admin__LoginAttemptsPerMinute"] = "100000";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"web: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new WebAppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException("The web app did not become ready within 120 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
