using System.Security.Claims;
using Microsoft.AspNetCore.RateLimiting;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Account;

/// <summary>A new learner account, signed in at once.</summary>
[EnableRateLimiting(AccountsExtensions.SignUpRateLimit)]
public sealed class SignUpModel(AccountService accounts) : CredentialsPageModel
{
    protected override async Task<ClaimsPrincipal?> CheckCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var principal = await accounts.SignUpAsync(Email, Password, cancellationToken);
            if (principal is null)
            {
                ModelState.AddModelError(nameof(Email), "This email already has an account.");
            }
            return principal;
        }
        catch (ArgumentException error)
        {
            ModelState.AddModelError(string.Empty, error.Message);
            return null;
        }
    }
}
