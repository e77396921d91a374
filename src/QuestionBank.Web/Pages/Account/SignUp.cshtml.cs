using System.Security.Claims;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Pages.Account;

/// <summary>A new learner account, signed in at once.</summary>
[EnableRateLimiting(AccountsExtensions.SignUpRateLimit)]
public sealed class SignUpModel(AccountService accounts, IStringLocalizer<SharedResource> text) : CredentialsPageModel(text)
{
    protected override async Task<ClaimsPrincipal?> CheckCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var principal = await accounts.SignUpAsync(Email, Password, cancellationToken);
            if (principal is null)
            {
                ModelState.AddModelError(nameof(Email), Text["This email already has an account."]);
            }
            return principal;
        }
        catch (ArgumentException error)
        {
            ModelState.AddModelError(string.Empty, Refusal(error, Text));
            return null;
        }
    }
}
