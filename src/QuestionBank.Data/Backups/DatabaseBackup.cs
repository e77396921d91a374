using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using QuestionBank.Data.Embedded;

namespace QuestionBank.Data.Backups;

/// <summary>
/// Backs up and restores the whole bank's database with PostgreSQL's own tools: pg_dump's custom
/// format, restored by pg_restore through psql in one transaction, so a failed restore changes nothing.
/// Everything is in the database (the bank, imports and their images, accounts, learners' records,
/// runs, the data-protection keys that sign cookies), so one archive is the whole site.
/// </summary>
public sealed partial class DatabaseBackup(string connectionString, TextWriter progress)
{
    private const string MigrationsTable = "__EFMigrationsHistory";
    private readonly NpgsqlConnectionStringBuilder connection = new(connectionString);

    /// <summary>Writes the database to <paramref name="file"/>; a backup that fails leaves no file behind.</summary>
    public async Task BackupAsync(string file, CancellationToken cancellationToken)
    {
        var tables = await TablesAsync(cancellationToken);
        var partial = file + ".partial";
        var done = 0;
        try
        {
            await RunAsync(
                "pg_dump", ["--format=custom", "--verbose", $"--file={partial}", $"--dbname={ConnectionInfo()}"],
                connection.Password,
                onOutput: null,
                onError: line =>
                {
                    if (line.Contains("dumping contents of table ", StringComparison.Ordinal))
                    {
                        progress.WriteLine($"  [{++done}/{tables}] {line[(line.IndexOf("table ", StringComparison.Ordinal) + 6)..].Trim('"')}");
                    }
                },
                cancellationToken);
            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The migrations the archive's schema has applied, oldest first; refuses a file pg_restore cannot read.</summary>
    public static async Task<IReadOnlyList<string>> ArchiveMigrationsAsync(string file, CancellationToken cancellationToken)
    {
        var migrations = new List<string>();
        var inData = false;
        await RunAsync(
            "pg_restore", ["--data-only", $"--table={MigrationsTable}", "--file=-", file],
            password: null,
            onOutput: line =>
            {
                if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.Contains(MigrationsTable, StringComparison.Ordinal))
                {
                    inData = true;
                }
                else if (line == "\\.")
                {
                    inData = false;
                }
                else if (inData)
                {
                    migrations.Add(line.Split('\t')[0]);
                }
            },
            onError: null,
            cancellationToken);
        return migrations;
    }

    /// <summary>The tables the database holds; none in an empty one.</summary>
    public async Task<long> TablesAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Restores <paramref name="file"/>; with <paramref name="replace"/>, what the database held is
    /// dropped first, in the same transaction as the restore.
    /// </summary>
    public async Task RestoreAsync(string file, bool replace, CancellationToken cancellationToken)
    {
        var tables = 0;
        await RunAsync("pg_restore", ["--list", file], password: null, onOutput: line =>
        {
            if (line.Contains(" TABLE DATA ", StringComparison.Ordinal))
            {
                tables++;
            }
        }, onError: null, cancellationToken);

        using var psql = Start("psql", ["--single-transaction", "--set=ON_ERROR_STOP=1", "--quiet", "--output=/dev/null", $"--dbname={ConnectionInfo()}"], redirectInput: true);
        var psqlErrors = psql.StandardError.ReadToEndAsync(cancellationToken);
        var psqlOutput = psql.StandardOutput.ReadToEndAsync(cancellationToken);
        var input = psql.StandardInput;
        if (replace)
        {
            await input.WriteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;\n");
        }

        var done = 0;
        try
        {
            await RunAsync("pg_restore", ["--no-owner", "--file=-", file], password: null, onOutput: line =>
            {
                if (line.StartsWith("COPY ", StringComparison.Ordinal))
                {
                    progress.WriteLine($"  [{++done}/{tables}] {line.Split(' ')[1]}");
                }
                else if (GrantLine().Match(line) is { Success: true } grant)
                {
                    line = GrantToAnyRole(line, grant.Groups["role"].Value);
                }
                // psql stops at the first error (and so stops reading): what it said is reported below.
                if (!psql.HasExited)
                {
                    try
                    {
                        input.Write(line);
                        input.Write('\n');
                    }
                    catch (IOException)
                    {
                    }
                }
            }, onError: null, cancellationToken);
        }
        finally
        {
            try
            {
                input.Close();
            }
            catch (IOException)
            {
            }
            await psql.WaitForExitAsync(cancellationToken);
        }

        await psqlOutput;
        if (psql.ExitCode != 0)
        {
            throw new BackupException($"The restore failed and changed nothing: {(await psqlErrors).Trim()}");
        }
    }

    /// <summary>
    /// A grant of the archive (the sandbox workers' role's, migration SandboxWorkerRole) as one that
    /// creates its role where it is missing (a new data folder), and is skipped with a warning where
    /// this user may not create it, instead of failing the restore.
    /// </summary>
    private static string GrantToAnyRole(string grant, string role)
    {
        var name = role.Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal);
        return $"DO $grant$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN CREATE ROLE {role} NOLOGIN; END IF; " +
            $"EXECUTE $statement${grant}$statement$; " +
            $"EXCEPTION WHEN insufficient_privilege THEN RAISE WARNING 'Not restored, the role {name} is missing: %', $statement${grant}$statement$; END $grant$;";
    }

    [GeneratedRegex("""^GRANT .* TO (?<role>"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*);$""")]
    private static partial Regex GrantLine();

    /// <summary>The connection as libpq reads it; the password goes to the tools through their environment, not their arguments.</summary>
    private string ConnectionInfo()
    {
        static string Quote(string value) => $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
        return $"host={Quote(connection.Host ?? "localhost")} port={connection.Port} user={Quote(connection.Username ?? Environment.UserName)} dbname={Quote(connection.Database ?? connection.Username ?? string.Empty)}";
    }

    private Process Start(string program, IReadOnlyList<string> arguments, bool redirectInput = false) =>
        StartTool(program, arguments, redirectInput, connection.Password);

    private static Process StartTool(string program, IReadOnlyList<string> arguments, bool redirectInput, string? password)
    {
        var start = new ProcessStartInfo(Path.Combine(PostgresBinaries.Find(program), program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = redirectInput ? new UTF8Encoding(false) : null,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
    }

    /// <summary>Runs a tool, handing each line it writes to the callbacks; a tool that fails throws with what it said.</summary>
    private static async Task RunAsync(
        string program, IReadOnlyList<string> arguments, string? password, Action<string>? onOutput, Action<string>? onError, CancellationToken cancellationToken)
    {
        using var process = StartTool(program, arguments, redirectInput: false, password);
        using var stop = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        // A verbose tool says much before it fails: what it said last says why.
        var errors = new Queue<string>();
        var readErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
            {
                onError?.Invoke(line);
                errors.Enqueue(line);
                if (errors.Count > 10)
                {
                    errors.Dequeue();
                }
            }
        }, cancellationToken);
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            onOutput?.Invoke(line);
        }

        await readErrors;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{program} failed: {string.Join('\n', errors)}");
        }
    }
}

/// <summary>A backup or restore that PostgreSQL's tools refused, with what they said.</summary>
public sealed class BackupException(string message) : Exception(message);
