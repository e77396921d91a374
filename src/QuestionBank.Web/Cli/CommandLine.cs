using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;
using QuestionBank.Web.Admin;
using QuestionBank.Web.Database;

namespace QuestionBank.Web.Cli;

/// <summary>
/// Commands run instead of the server, on the same services and database:
/// <c>import &lt;file-or-folder&gt;... [--dry-run]</c> and <c>create-admin &lt;email&gt;</c>.
/// </summary>
public sealed class CommandLine
{
    private const string PasswordVariable = "QUESTIONBANK_ADMIN_PASSWORD";

    private CommandLine(string name, IReadOnlyList<string> arguments, bool dryRun)
    {
        Name = name;
        Arguments = arguments;
        DryRun = dryRun;
    }

    public string Name { get; }

    public IReadOnlyList<string> Arguments { get; }

    public bool DryRun { get; }

    /// <summary>The command in <paramref name="args"/>, or null when they only configure the server.</summary>
    public static CommandLine? Parse(string[] args)
    {
        if (args is not [("import" or "create-admin") and var name, .. var rest])
        {
            return null;
        }

        return new CommandLine(name, rest.Where(a => a != "--dry-run").ToList(), rest.Contains("--dry-run"));
    }

    public static string Usage => """
        Usage:
          dotnet run --project src/QuestionBank.Web -- import <file-or-folder>... [--dry-run]
          dotnet run --project src/QuestionBank.Web -- create-admin <email>
              (password from $QUESTIONBANK_ADMIN_PASSWORD, else the first line of standard input)
        """;

    /// <returns>The process exit code.</returns>
    public async Task<int> RunAsync(WebApplication app)
    {
        if (Arguments.Count == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        await initializer.StartAsync(CancellationToken.None);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return Name == "import"
                ? await ImportAsync(scope.ServiceProvider.GetRequiredService<DocumentImporter>())
                : await CreateAdminAsync(scope.ServiceProvider.GetRequiredService<AccountService>());
        }
        finally
        {
            await app.Services.GetRequiredService<QuestionBankDatabase>().DisposeAsync();
        }
    }

    private async Task<int> ImportAsync(DocumentImporter importer)
    {
        var paths = Arguments.SelectMany(ExpandPath).ToList();
        if (paths.Count == 0)
        {
            await Console.Error.WriteLineAsync($"No .md files found in {string.Join(", ", Arguments)}.");
            return 1;
        }

        try
        {
            var files = paths.Select(path => new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path)));
            var outcome = await importer.ImportFilesAsync(files, new ImportOptions($"cli:{Environment.UserName}", DryRun), CancellationToken.None);
            Console.WriteLine(outcome.DryRun ? "Dry run: nothing was written." : outcome.ImportId is { } id ? $"Import {id}:" : "Nothing changed.");
            foreach (var document in outcome.Documents)
            {
                Console.WriteLine($"  {document.FileName}: {document.Title} — {document.Status}, {document.Added} added, {document.Changed} changed, {document.Removed} removed");
                foreach (var warning in document.Warnings)
                {
                    Console.WriteLine($"    warning, line {warning.Line}: {warning.Message}");
                }
            }

            return 0;
        }
        catch (DocumentParseException error)
        {
            await Console.Error.WriteLineAsync($"Import rejected, the bank is unchanged. {error.Message}");
            return 1;
        }
    }

    private async Task<int> CreateAdminAsync(AccountService accounts)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? await Console.In.ReadLineAsync() ?? string.Empty;
        try
        {
            await accounts.SaveAsync(Arguments[0], password, isAdmin: true, CancellationToken.None);
            Console.WriteLine($"{Arguments[0]} is an admin.");
            return 0;
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 1;
        }
    }

    private static IEnumerable<string> ExpandPath(string path) => Directory.Exists(path)
        ? Directory.GetFiles(path, "*.md").Order(StringComparer.Ordinal)
        : [path];
}
