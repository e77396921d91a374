using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Core.Documents;
using QuestionBank.Data.Importing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QuestionBank.Web.Admin;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Pages.Admin;

/// <summary>
/// Upload or paste markdown (with its images, or a zip of both), read the dry run, then commit. The
/// previewed uploads travel back with the commit as base64, byte for byte (zips still packed), so what
/// is committed is exactly what was previewed. Its body limits are <see cref="ImportLimitsOptions"/> (set in AddAdmin).
/// </summary>
public sealed class ImportModel(DocumentImporter importer, TimeProvider clock, IStringLocalizer<SharedResource> text, IOptions<ImportLimitsOptions> limits) : PageModel
{
    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    [BindProperty]
    public string? PastedText { get; set; }

    [BindProperty]
    public string? PastedName { get; set; }

    /// <summary>The previewed files, posted back by the commit button.</summary>
    [BindProperty]
    public List<PendingFile> Pending { get; set; } = [];

    public ImportOutcome? Outcome { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var files = await ImportUploads.ReadAsync(Uploads, cancellationToken);
            if (!string.IsNullOrWhiteSpace(PastedText))
            {
                files.Add(new ImportFile(ImportUploads.PastedFileName(PastedName, clock), Encoding.UTF8.GetBytes(PastedText)));
            }

            if (files.Count == 0)
            {
                Error = text["Choose .md files (with their images) or a .zip, or paste markdown first."];
                return Page();
            }

            Outcome = await importer.ImportFilesAsync(ImportUploads.Expand(files, limits.Value.Archive), new ImportOptions(User.Identity!.Name!, DryRun: true), cancellationToken);
            Pending = files.Select(f => new PendingFile { Name = f.Name, Content = Convert.ToBase64String(f.Content) }).ToList();
        }
        catch (DocumentParseException error)
        {
            Error = NothingImported(text.Show(error));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var files = Pending.Select(p => new ImportFile(p.Name, Convert.FromBase64String(p.Content))).ToList();
            Outcome = await importer.ImportFilesAsync(ImportUploads.Expand(files, limits.Value.Archive), new ImportOptions(User.Identity!.Name!), cancellationToken);
            Pending = [];
        }
        catch (DocumentParseException error)
        {
            Error = NothingImported(text.Show(error));
        }
        catch (FormatException error)
        {
            Error = NothingImported(error.Message);
        }

        return Page();
    }

    // The reason is a sentence of its own, with or without its full stop; the page adds one.
    private string NothingImported(string reason) =>
        text["{0}. Nothing was imported; the bank is unchanged.", reason.TrimEnd().TrimEnd('.', '。')];

    public sealed class PendingFile
    {
        public string Name { get; set; } = string.Empty;

        public string Content { get; set; } = string.Empty;
    }
}
