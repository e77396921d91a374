using Microsoft.Extensions.Options;
using QuestionBank.Data.Embedded;

namespace QuestionBank.Web.Database;

/// <summary>
/// Where the bank's database is: the configured server, or a private cluster this process starts
/// (and stops when it exits) when <c>ConnectionStrings:QuestionBank</c> is not set.
/// </summary>
public sealed class QuestionBankDatabase(
    IConfiguration configuration,
    IOptions<QuestionBankOptions> options,
    IHostEnvironment environment,
    ILogger<QuestionBankDatabase> logger) : IAsyncDisposable
{
    public const string ConnectionStringName = "QuestionBank";
    private const string EmbeddedDatabaseName = "questionbank";
    private EmbeddedPostgres? _embedded;
    private string? _connectionString;

    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException("The database has not been started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _connectionString = configured;
            return;
        }

        var dataDirectory = Path.Combine(environment.ContentRootPath, options.Value.DataDirectory, "postgres");
        _embedded = await EmbeddedPostgres.StartAsync(dataDirectory, logger, options.Value.EmbeddedPort, cancellationToken);
        await _embedded.EnsureDatabaseAsync(EmbeddedDatabaseName, cancellationToken);
        _connectionString = _embedded.ConnectionString(EmbeddedDatabaseName);
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
            _embedded = null;
        }
    }
}
