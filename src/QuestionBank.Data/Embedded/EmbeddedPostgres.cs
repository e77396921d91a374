using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace QuestionBank.Data.Embedded;

/// <summary>
/// A private PostgreSQL cluster in a folder of our own, started with the server binaries found on
/// the machine, for the out-of-the-box run and for tests. PostgreSQL refuses to run as root, so
/// under root the cluster is owned by and run as the <c>postgres</c> account.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "questionbank";
    private readonly string dataDirectory;
    private readonly string binDirectory;
    private readonly ILogger logger;
    private readonly bool durable;
    private bool started;

    private EmbeddedPostgres(string dataDirectory, string binDirectory, int port, ILogger logger, bool durable)
    {
        this.dataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        Port = port;
        this.logger = logger;
        this.durable = durable;
    }

    public int Port { get; private set; }

    /// <summary>Connection string to <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        MaxPoolSize = 50,
    }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> unless it exists, so the first connection to it does not fail.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Initialises the cluster on first use and starts it on a free port (or <paramref name="port"/>).
    /// A cluster that is not <paramref name="durable"/> skips fsync and synchronous commits: faster, and
    /// lost or corrupt after a crash, so only for throwaway clusters (tests, benchmarks).
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        string dataDirectory, ILogger logger, int? port = null, bool durable = true, CancellationToken cancellationToken = default)
    {
        var cluster = new EmbeddedPostgres(
            Path.GetFullPath(dataDirectory),
            await PostgresBinaries.FindOrInstallAsync(logger, cancellationToken, "pg_ctl", "initdb", "postgres"),
            port ?? FreePort(),
            logger,
            durable);
        await cluster.StartAsync(cancellationToken);
        return cluster;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var owner = Environment.IsPrivilegedProcess ? "postgres" : null;
        if (owner is not null)
        {
            await RunAsync("chown", ["-R", $"{owner}:", dataDirectory], null, cancellationToken);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Initialising a PostgreSQL cluster in {DataDirectory}", dataDirectory);
            await RunAsync(
                Path.Combine(binDirectory, "initdb"),
                ["-D", dataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
                owner,
                cancellationToken);
        }

        // The server may already be running: another process of ours uses it (the web app while the
        // CLI imports), or a killed run left it behind. Share it, and leave stopping it to its owner.
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (File.Exists(pidFile)
            && await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", dataDirectory, "status"], owner, cancellationToken, check: false) == 0
            && int.TryParse(File.ReadLines(pidFile).Skip(3).FirstOrDefault(), out var runningPort))
        {
            Port = runningPort;
            logger.LogInformation("Using the PostgreSQL server already running on 127.0.0.1:{Port} from {DataDirectory}", Port, dataDirectory);
            return;
        }

        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {dataDirectory} -c max_connections=200 -c shared_buffers=256MB"
            + (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunAsync(
            Path.Combine(binDirectory, "pg_ctl"),
            ["-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start"],
            owner,
            cancellationToken);
        started = true;
        logger.LogInformation("PostgreSQL started on 127.0.0.1:{Port} from {DataDirectory}", Port, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!started)
        {
            return;
        }

        started = false;
        var owner = Environment.IsPrivilegedProcess ? "postgres" : null;
        await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "stop"], owner, CancellationToken.None, check: false);
        logger.LogInformation("PostgreSQL on port {Port} stopped", Port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<int> RunAsync(
        string program, IReadOnlyList<string> arguments, string? runAs, CancellationToken cancellationToken, bool check = true)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (runAs is not null)
        {
            foreach (var argument in new[] { "-u", runAs, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }

        return process.ExitCode;
    }
}
