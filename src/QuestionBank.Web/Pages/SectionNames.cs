using Microsoft.Extensions.Localization;

namespace QuestionBank.Web.Pages;

/// <summary>
/// A section's name beside its document's. Some documents' sections merely repeat the document's own
/// title (document 000's three sections): named again they would read "X › X", so they are not.
/// </summary>
public static class SectionNames
{
    public static bool RepeatsDocument(string documentTitle, string sectionTitle) =>
        string.Equals(documentTitle.Trim(), sectionTitle.Trim(), StringComparison.Ordinal);

    /// <summary>Where a section must be named on its own (a list of a document's sections): its title, or "Part n" for one that repeats the document's.</summary>
    public static string Name(string documentTitle, string sectionTitle, int position, IStringLocalizer text) =>
        RepeatsDocument(documentTitle, sectionTitle) ? text["Part {0}", position] : sectionTitle;
}
