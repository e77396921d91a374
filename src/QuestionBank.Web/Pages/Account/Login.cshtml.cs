using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Account;

/// <summary>Sign-in for learners and admins (also at /admin/login).</summary>
[EnableRateLimiting(AccountsExtensions.LoginRateLimit)]
public sealed class LoginModel(AccountService accounts) : CredentialsPageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var principal = await accounts.SignInAsync(Email, Password, cancellationToken);
        if (principal is null)
        {
            ModelState.AddModelError(string.Empty, "Wrong email or password.");
            return Page();
        }

        return await SignInAndReturnAsync(principal);
    }
}
