using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Account;

[EnableRateLimiting(AccountsExtensions.SignUpRateLimit)]
public sealed class SignUpModel(AccountService accounts) : CredentialsPageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var principal = await accounts.SignUpAsync(Email, Password, cancellationToken);
            if (principal is not null)
            {
                return await SignInAndReturnAsync(principal);
            }

            ModelState.AddModelError(nameof(Email), "This email already has an account.");
        }
        catch (ArgumentException error)
        {
            ModelState.AddModelError(string.Empty, error.Message);
        }

        return Page();
    }
}
