using System.Security.Claims;
using Microsoft.AspNetCore.RateLimiting;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Account;

/// <summary>Sign-in for learners and admins (also at /admin/login).</summary>
[EnableRateLimiting(AccountsExtensions.LoginRateLimit)]
public sealed class LoginModel(AccountService accounts) : CredentialsPageModel
{
    protected override async Task<ClaimsPrincipal?> CheckCredentialsAsync(CancellationToken cancellationToken)
    {
        var principal = await accounts.SignInAsync(Email, Password, cancellationToken);
        if (principal is null)
        {
            ModelState.AddModelError(string.Empty, "Wrong email or password.");
        }
        return principal;
    }
}
