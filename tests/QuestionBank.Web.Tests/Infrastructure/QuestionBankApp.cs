using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using QuestionBank.Data;
using QuestionBank.Data.Importing;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a database of the shared cluster (see <see cref="TestCluster"/>), with extra
/// <paramref name="settings"/> (a sandbox worker, run limits) and <paramref name="services"/> (a clock) where a test needs them; apps given
/// the same <paramref name="connectionString"/> are replicas of one site.
/// </summary>
public sealed class QuestionBankApp(
    string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@questionbank.test";
    public const string AdminPassword = "correct horse battery staple";

    public static string RepoRoot => RepositoryFolder.Path;

    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:QuestionBank", connectionString);
        builder.UseSetting("QuestionBank:ContentDirectory", Path.Combine(RepoRoot, "content"));
        builder.UseSetting("QuestionBank:Admin:Email", AdminEmail);
        builder.UseSetting("QuestionBank:Admin:Password", AdminPassword);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>Settings for an app that runs one sandbox worker of its own.</summary>
    public static IReadOnlyDictionary<string, string?> WithWorker { get; } = new Dictionary<string, string?>
    {
        ["QuestionBank:Runs:RunWorker"] = "true",
        ["QuestionBank:Sandbox:PollSeconds"] = "0.5",
        // Tests prove behaviour, not speed: a slow or busy machine must not time a reference out.
        ["QuestionBank:Sandbox:TimeoutSeconds"] = "900",
        ["QuestionBank:Sandbox:CompileTimeoutSeconds"] = "300",
    };

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<IReadOnlyList<DocumentImportResult>> ImportAsync(params ImportFile[] files) =>
        (await WithScopeAsync(sp => sp.GetRequiredService<DocumentImporter>().ImportFilesAsync(files, ImportOptions.System))).Documents;

    /// <summary>Everything that would show a change to the bank: per document, its hash and its questions' slugs and bodies.</summary>
    public Task<string> SnapshotAsync() => WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<QuestionBankDbContext>();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Questions.OrderBy(q => q.Slug).Select(q => q.Document.ContentHash + "|" + q.Slug + "|" + q.Title + "|" + q.BodyMarkdown));
        return string.Join('\n', rows);
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Every app has its own database and so its own pool, whose idle connections would stay open for
        // minutes: across a test run they outnumber the cluster's max_connections.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
