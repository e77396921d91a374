using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using QuestionBank.Core.Rendering;

namespace QuestionBank.Web.Pages;

public static class TitleHtml
{
    /// <summary>
    /// A question, section or document title with its formulas as math elements for KaTeX
    /// (<see cref="TitleFormulas"/>); its text and TeX go through the page's own encoder, as any other text does.
    /// </summary>
    public static IHtmlContent Title(this IHtmlHelper html, string title)
    {
        var content = new HtmlContentBuilder();
        foreach (var part in TitleFormulas.Split(title))
        {
            if (part.IsFormula)
            {
                content.AppendHtml("<span class=\"math\">\\(").Append(part.Text).AppendHtml("\\)</span>");
            }
            else
            {
                content.Append(part.Text);
            }
        }

        return content;
    }
}
