using Microsoft.AspNetCore.WebUtilities;

namespace QuestionBank.Web.Pages;

/// <summary>Links to neighbouring pages of a list, keeping the other query parameters.</summary>
public sealed record PagerModel(string Path, int Page, int PageCount, IReadOnlyDictionary<string, string?> Query)
{
    public string Url(int page) =>
        QueryHelpers.AddQueryString(Path, Query.Where(p => !string.IsNullOrEmpty(p.Value)).Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
