using System.Security.Claims;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Pages.Account;

/// <summary>Sign-in for learners and admins (also at /admin/login).</summary>
[EnableRateLimiting(AccountsExtensions.LoginRateLimit)]
public sealed class LoginModel(AccountService accounts, IStringLocalizer<SharedResource> text) : CredentialsPageModel(text)
{
    protected override async Task<ClaimsPrincipal?> CheckCredentialsAsync(CancellationToken cancellationToken)
    {
        var principal = await accounts.SignInAsync(Email, Password, cancellationToken);
        if (principal is null)
        {
            ModelState.AddModelError(string.Empty, Text["Wrong email or password."]);
        }
        return principal;
    }
}
