using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using QuestionBank.Core.Rendering;

namespace QuestionBank.Web.Pages;

public static class TitleHtml
{
    /// <summary>A question, section or document title with its formulas as math elements for KaTeX (<see cref="TitleFormulas"/>), the rest escaped.</summary>
    public static IHtmlContent Title(this IHtmlHelper html, string title) => new HtmlString(TitleFormulas.Html(title));
}
