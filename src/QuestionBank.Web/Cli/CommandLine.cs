using System.CommandLine;
using Markdig;
using Microsoft.Extensions.Options;
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
/// <c>import &lt;file-folder-or-zip&gt;... [--dry-run]</c>, <c>create-admin &lt;email&gt;</c>
/// (the password from $QUESTIONBANK_ADMIN_PASSWORD, else the first line of standard input),
/// <c>backup &lt;file&gt;</c>, <c>restore &lt;file&gt; [--replace]</c> and <c>prune [--dry-run]</c>.
/// </summary>
public sealed partial class CommandLine : RootCommand
{
    private const string PasswordVariable = "QUESTIONBANK_ADMIN_PASSWORD";

    private readonly Argument<string[]> paths = new("file-or-folder")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Markdown files (with the images they name, read relative to the file), folders whose .md files and images are imported, or .zip archives of them.",
    };
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "Show what the import would change and write nothing." };
    private readonly Argument<string> email = new("email") { Description = "The admin's email address." };
    private readonly Argument<FileInfo> backupFile = new("file") { Description = "The backup to write (pg_dump's custom format)." };
    private readonly Argument<FileInfo> restoreFile = new Argument<FileInfo>("file") { Description = "A backup written by the backup command." }.AcceptExistingOnly();
    private readonly Option<bool> replace = new("--replace") { Description = "Replace what the database holds; without it, restore refuses a database that is not empty." };
    private readonly Option<bool> pruneDryRun = new("--dry-run") { Description = "Say what retention would delete, and delete nothing." };

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
            ImportAsync(
                services.GetRequiredService<DocumentImporter>(), services.GetRequiredService<MarkdownPipeline>(),
                services.GetRequiredService<IOptions<ImportLimitsOptions>>().Value.Archive, parsed, cancellationToken)));
        var createAdmin = new Command("create-admin", $"Creates or updates an admin account; the password comes from ${PasswordVariable}, else the first line of standard input.") { email };
        createAdmin.SetAction((parsed, cancellationToken) => WithServicesAsync(services =>
            CreateAdminAsync(services.GetRequiredService<AccountService>(), parsed.GetRequiredValue(email), cancellationToken)));
        var backup = new Command("backup", "Writes the whole site to a file with pg_dump: the bank, its imports and images, accounts, learners' records, runs and the keys that sign sign-ins.") { backupFile };
        backup.SetAction((parsed, cancellationToken) => WithServicesAsync(
            services => BackupAsync(services, parsed.GetRequiredValue(backupFile), cancellationToken), prepare: false));
        var restore = new Command("restore", "Restores a backup into an empty database (an empty data folder, with the embedded default) in one transaction.") { restoreFile, replace };
        restore.SetAction((parsed, cancellationToken) => WithServicesAsync(
            services => RestoreAsync(services, parsed.GetRequiredValue(restoreFile), parsed.GetValue(replace), cancellationToken), prepare: false));
        var prune = new Command("prune", "Applies retention now: finished runs older than QuestionBank:Retention:RunDetailsDays lose their progress events and images, and imports older than the newest QuestionBank:Retention:ImportHistoryDepth lose their rollback.") { pruneDryRun };
        prune.SetAction((parsed, cancellationToken) => WithServicesAsync(services => PruneAsync(services, parsed.GetValue(pruneDryRun), cancellationToken)));
        Subcommands.Add(import);
        Subcommands.Add(createAdmin);
        Subcommands.Add(backup);
        Subcommands.Add(restore);
        Subcommands.Add(prune);
    }

    /// <summary>
    /// True when <paramref name="args"/> start with a word, which names a command; otherwise they
    /// configure the server (<c>--urls …</c>, <c>Key=value</c>), or are empty.
    /// </summary>
    public static bool IsCommand(string[] args) => args is [var first, ..] && !first.StartsWith('-') && !first.StartsWith('/') && !first.Contains('=');

    /// <returns>The process exit code: 0 done, 1 refused, 2 a usage error (an unknown command among them).</returns>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var commandLine = new CommandLine();
        if (!commandLine.Subcommands.Any(command => command.Name == args[0]))
        {
            var names = string.Join(", ", commandLine.Subcommands.Select(command => command.Name));
            await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. The commands are {names}; without one, the site is served. Each command's usage: <command> --help.");
            return CommandLineUsage.UsageError;
        }

        return await commandLine.Parse(args).InvokeOrReportUsageAsync();
    }

    /// <summary>
    /// Builds the app without serving it and runs the command on its services; with <paramref name="prepare"/>
    /// the database is prepared first (migrated, seeded) as the server would.
    /// </summary>
    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> command, bool prepare = true)
    {
        var builder = WebApplication.CreateBuilder();
        await builder.AddQuestionBankAsync();
        await using var app = builder.Build();
        if (prepare)
        {
            var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
            await initializer.StartAsync(CancellationToken.None);
        }

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

    private async Task<int> ImportAsync(DocumentImporter importer, MarkdownPipeline pipeline, ArchiveLimits limits, ParseResult parsed, CancellationToken cancellationToken)
    {
        var arguments = parsed.GetRequiredValue(paths);
        try
        {
            var imports = arguments.SelectMany(path => ReadPath(path, pipeline, limits)).ToList();
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
    private static IEnumerable<ImportFile> ReadPath(string path, MarkdownPipeline pipeline, ArchiveLimits limits)
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
            return ImportArchive.Read(Path.GetFileName(path), zip, limits);
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
