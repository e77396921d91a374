using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Pages.Account;

/// <summary>The signed-in account: sign out, change password, delete. Password checks count as sign-in attempts.</summary>
[EnableRateLimiting(AccountsExtensions.LoginRateLimit)]
public sealed class IndexModel(AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        try
        {
            var principal = await accounts.ChangePasswordAsync(AccountService.AccountId(User)!.Value, currentPassword ?? string.Empty, newPassword ?? string.Empty, cancellationToken);
            if (principal is null)
            {
                ModelState.AddModelError(string.Empty, text["The current password is wrong."]);
                return Page();
            }

            // The stamp changed: sign in again with the new one, so only other sessions end.
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            Message = text["Your password was changed; other sessions are signed out."];
            return RedirectToPage();
        }
        catch (ArgumentException error)
        {
            ModelState.AddModelError(string.Empty, CredentialsPageModel.Refusal(error, text));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string password, CancellationToken cancellationToken)
    {
        var id = AccountService.AccountId(User)!.Value;
        if (await accounts.SignInAsync(User.Identity!.Name!, password ?? string.Empty, cancellationToken) is null)
        {
            ModelState.AddModelError(string.Empty, text["The password is wrong; the account was not deleted."]);
            return Page();
        }

        if (!await accounts.DeleteAsync(id, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, text["This is the last admin account; make another admin first."]);
            return Page();
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }
}
