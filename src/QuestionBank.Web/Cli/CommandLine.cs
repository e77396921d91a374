using System.CommandLine;
using Markdig;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Images;
using QuestionBank.Data.Importing;
using QuestionBank.ServiceDefaults;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Admin;
using QuestionBank.Web.Database;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Cli;

/// <summary>
/// Commands run instead of the server, on the same services and database:
/// <c>import &lt;file-folder-or-zip&gt;... [--dry-run]</c> and <c>create-admin &lt;email&gt;</c>
/// (the password from $QUESTIONBANK_ADMIN_PASSWORD, else the first line of standard input).
/// </summary>
public sealed class CommandLine : RootCommand
{
    private const string PasswordVariable = "QUESTIONBANK_ADMIN_PASSWORD";

    private readonly Argument<string[]> paths = new("file-or-folder")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Markdown files (with the images they name, read relative to the file), folders whose .md files and images are imported, or .zip archives of them.",
    };
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "Show what the import would change and write nothing." };
    private readonly Argument<string> email = new("email") { Description = "The admin's email address." };

    private CommandLine() : base("QuestionBank: without a command, serves the site.")
    {
        // An unknown option would otherwise be taken for a path: "--dryrun" must not import anything.
        // A path that names nothing is a usage error too, found before the database is touched.
        paths.Validators.Add(result =>
        {
            foreach (var value in result.Tokens.Select(token => token.Value))
            {
                if (value.StartsWith('-'))
                {
                    result.AddError($"Unrecognized option '{value}'.");
                }
                else if (!File.Exists(value) && !Directory.Exists(value))
                {
                    result.AddError($"'{value}' is neither a file nor a folder.");
                }
            }
        });
        var import = new Command("import", "Imports markdown into the bank in one transaction; a bad file changes nothing.") { paths, dryRun };
        import.SetAction((parsed, cancellationToken) => WithServicesAsync(services =>
            ImportAsync(services.GetRequiredService<DocumentImporter>(), services.GetRequiredService<MarkdownPipeline>(), parsed, cancellationToken)));
        var createAdmin = new Command("create-admin", $"Creates or updates an admin account; the password comes from ${PasswordVariable}, else the first line of standard input.") { email };
        createAdmin.SetAction((parsed, cancellationToken) => WithServicesAsync(services =>
            CreateAdminAsync(services.GetRequiredService<AccountService>(), parsed.GetRequiredValue(email), cancellationToken)));
        Subcommands.Add(import);
        Subcommands.Add(createAdmin);
    }

    /// <summary>True when <paramref name="args"/> name a command; otherwise they configure the server.</summary>
    public static bool IsCommand(string[] args) => args is ["import" or "create-admin", ..];

    /// <returns>The process exit code: 0 done, 1 refused, 2 a usage error.</returns>
    public static Task<int> InvokeAsync(string[] args) => new CommandLine().Parse(args).InvokeOrReportUsageAsync();

    /// <summary>Builds the app without serving it, prepares its database, and runs the command on its services.</summary>
    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> command)
    {
        var builder = WebApplication.CreateBuilder();
        await builder.AddQuestionBankAsync();
        await using var app = builder.Build();
        var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        await initializer.StartAsync(CancellationToken.None);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await command(scope.ServiceProvider);
        }
        finally
        {
            await app.Services.GetRequiredService<QuestionBankDatabase>().DisposeAsync();
        }
    }

    private async Task<int> ImportAsync(DocumentImporter importer, MarkdownPipeline pipeline, ParseResult parsed, CancellationToken cancellationToken)
    {
        var arguments = parsed.GetRequiredValue(paths);
        try
        {
            var imports = arguments.SelectMany(path => ReadPath(path, pipeline)).ToList();
            if (!imports.Any(file => file.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase)))
            {
                await Console.Error.WriteLineAsync($"No .md files found in {string.Join(", ", arguments)}.");
                return 1;
            }

            var outcome = await importer.ImportFilesAsync(imports, new ImportOptions($"cli:{Environment.UserName}", parsed.GetValue(dryRun)), cancellationToken);
            Console.WriteLine(outcome.DryRun ? "Dry run: nothing was written." : outcome.ImportId is { } id ? $"Import {id}:" : "Nothing changed.");
            foreach (var skipped in outcome.Skipped)
            {
                Console.WriteLine($"  warning, skipped {skipped.FileName}: {skipped.Reason}");
            }

            foreach (var document in outcome.Documents)
            {
                Console.WriteLine($"  {document.FileName}: {document.Title} — {document.Status}, {document.Added} added, {document.Changed} changed, {document.Removed} removed");
                foreach (var warning in document.Warnings)
                {
                    Console.WriteLine($"    warning, line {warning.Line}: {warning.Message}");
                }

                foreach (var assigned in document.Exercises)
                {
                    Console.WriteLine($"    {assigned.Number}. {assigned.Title}: exercise {assigned.ExerciseId ?? "none"} ({ExerciseSources.Describe(assigned.Source)})");
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

    private static async Task<int> CreateAdminAsync(AccountService accounts, string email, CancellationToken cancellationToken)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? await Console.In.ReadLineAsync(cancellationToken) ?? string.Empty;
        try
        {
            await accounts.SaveAsync(email, password, isAdmin: true, cancellationToken);
            Console.WriteLine($"{email} is an admin.");
            return 0;
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 1;
        }
    }

    /// <summary>
    /// The files a path names, by their path in what is imported: a folder's markdown and images (its
    /// subfolders too) relative to it, a zip's entries, or a markdown file with the images it names.
    /// </summary>
    private static IEnumerable<ImportFile> ReadPath(string path, MarkdownPipeline pipeline)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(ImportArchive.IsImportable)
                .Order(StringComparer.Ordinal)
                .Select(name => new ImportFile(name, File.ReadAllBytes(Path.Combine(path, name))));
        }

        if (ImportArchive.IsArchive(path))
        {
            using var zip = File.OpenRead(path);
            return ImportArchive.Read(Path.GetFileName(path), zip);
        }

        var markdown = new ImportFile(Path.GetFileName(path), File.ReadAllBytes(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var images = ImageReferences.Find(System.Text.Encoding.UTF8.GetString(markdown.Content), pipeline)
            .Select(image => image.Path)
            .Distinct(StringComparer.Ordinal)
            .Where(image => ImageFormat.FromName(image) is not null && File.Exists(Path.Combine(folder, image)))
            .Select(image => new ImportFile(image, File.ReadAllBytes(Path.Combine(folder, image))));
        return [markdown, .. images];
    }
}
