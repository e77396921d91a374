using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace QuestionBank.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "出错了 Something went wrong";

    public string Message { get; private set; } = "The page could not be shown. Please try again.";

    public void OnGet(int? code)
    {
        if (code == StatusCodes.Status404NotFound)
        {
            Heading = "找不到页面 Page not found";
            Message = "There is no page at this address.";
        }
        else if (code == StatusCodes.Status400BadRequest)
        {
            Heading = "请求无效 Bad request";
            Message = "The address has a parameter the site cannot use.";
        }
    }
}
