using QuestionBank.Data;
using QuestionBank.Data.Embedded;

namespace QuestionBank.Web.Database;

/// <summary>
/// The private cluster this process starts, and stops once the host has stopped, when
/// <c>ConnectionStrings:QuestionBank</c> is not set; with a configured server it holds nothing.
/// </summary>
public sealed class QuestionBankDatabase : IHostedLifecycleService, IAsyncDisposable
{
    private const string EmbeddedDatabaseName = "questionbank";
    // The host may report its stop more than once, and the CLI disposes too: the cluster is stopped once, by whoever comes first.
    private readonly Lazy<Task> stop;

    private QuestionBankDatabase(EmbeddedPostgres? embedded, string? dataPath, ILoggerFactory? loggerFactory)
    {
        IsEmbedded = embedded is not null;
        DataPath = dataPath;
        stop = new Lazy<Task>(async () =>
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
            loggerFactory?.Dispose();
        });
    }

    /// <summary>Whether this process runs the bank's database itself.</summary>
    public bool IsEmbedded { get; }

    /// <summary>The embedded cluster's data folder (its cluster in postgres/, its backups in backups/); null with a configured server.</summary>
    public string? DataPath { get; }

    /// <summary>
    /// Starts the embedded cluster when no server is configured, before the app is built, so that its
    /// connection string is plain configuration; then registers the one data source and DbContext on it.
    /// </summary>
    public static async Task<QuestionBankDatabase> AddAsync(WebApplicationBuilder builder)
    {
        var database = await StartAsync(builder);
        builder.Services.AddSingleton(database);
        builder.Services.AddHostedService(provider => provider.GetRequiredService<QuestionBankDatabase>());
        builder.Services.AddQuestionBankDatabase(builder.Configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName)!);
        return database;
    }

    private static async Task<QuestionBankDatabase> StartAsync(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName)))
        {
            return new QuestionBankDatabase(null, null, null);
        }

        var options = configuration.GetSection(QuestionBankOptions.SectionName).Get<QuestionBankOptions>() ?? new QuestionBankOptions();
        var dataPath = options.DataPath(builder.Environment.ContentRootPath);
        // The app's logging does not exist before it is built: the cluster logs to the console on its own.
        var loggerFactory = LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole());
        var embedded = await EmbeddedPostgres.StartAsync(
            Path.Combine(dataPath, "postgres"), loggerFactory.CreateLogger<QuestionBankDatabase>(), options.EmbeddedPort);
        await embedded.EnsureDatabaseAsync(EmbeddedDatabaseName);
        configuration[$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionStringName}"] = embedded.ConnectionString(EmbeddedDatabaseName);
        return new QuestionBankDatabase(embedded, dataPath, loggerFactory);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service and the server have stopped: nothing uses the database any more.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => stop.Value;

    public async ValueTask DisposeAsync() => await stop.Value;
}
