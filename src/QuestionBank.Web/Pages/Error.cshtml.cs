using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace QuestionBank.Web.Pages;

/// <summary>The error page; <see cref="Heading"/> and <see cref="Message"/> are resource keys, shown in the visitor's language.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The page could not be shown. Please try again.";

    public void OnGet(int? code)
    {
        if (code == StatusCodes.Status404NotFound)
        {
            Heading = "Page not found";
            Message = "There is no page at this address.";
        }
        else if (code == StatusCodes.Status400BadRequest)
        {
            Heading = "Bad request";
            Message = "The address has a parameter the site cannot use.";
        }
    }
}
