using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Learners;
using QuestionBank.Data.Queries;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Localization;
using Microsoft.Extensions.Localization;

namespace QuestionBank.Web.Pages.Me;

/// <summary>The learner's settings: the UI's language, reading mode, the documents new cards come from, and the time zone of the learner's day.</summary>
public sealed class SettingsModel(LearnerSettingsStore settings, QuestionQueries queries, IStringLocalizer<SharedResource> text) : PageModel
{
    public LearnerSettings Settings { get; private set; } = null!;

    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    /// <summary>The language the pages speak: the learner's choice, else this request's.</summary>
    public string Language => Settings.Language ?? System.Globalization.CultureInfo.CurrentUICulture.Name;

    public IEnumerable<string> TimeZones => TimeZoneInfo.GetSystemTimeZones().Select(zone => zone.Id).Order(StringComparer.Ordinal);

    /// <summary>What the last save came to, as a resource key.</summary>
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(
        bool alwaysShowAnswers, bool allDocuments, string[]? documents, string? timeZone, string? language, CancellationToken cancellationToken)
    {
        // A form without the choice (an older page) leaves the language as it is.
        var chosenLanguage = LocalizationExtensions.Supported(language);
        if (language is not null && chosenLanguage is null)
        {
            ModelState.AddModelError(string.Empty, text["Choose a language from the list."]);
        }

        if (!allDocuments && (documents is null || documents.Length == 0))
        {
            ModelState.AddModelError(string.Empty, text["Choose at least one document, or all of them."]);
        }

        if (timeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            ModelState.AddModelError(string.Empty, text["Choose a time zone from the list."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await settings.SaveAsync(Learner, alwaysShowAnswers, allDocuments ? null : documents, timeZone!, cancellationToken);
        if (chosenLanguage is not null)
        {
            await HttpContext.RememberLanguageAsync(chosenLanguage, settings);
        }
        Message = "Settings saved.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Settings = await settings.GetAsync(Learner, cancellationToken);
        Documents = await queries.GetDocumentsAsync(cancellationToken);
    }

    private long Learner => AccountService.AccountId(User)!.Value;
}
