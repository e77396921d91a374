using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Pages.Account;

/// <summary>What the sign-in and sign-up forms share: email, password, where to go next.</summary>
public abstract class CredentialsPageModel : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    [StringLength(256)]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var principal = await CheckCredentialsAsync(cancellationToken);
        if (principal is null)
        {
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // Only local return addresses: an absolute one would make the sign-in page an open redirect.
        var home = principal.IsInRole(AccountService.AdminRole) && Request.Path.StartsWithSegments("/admin") ? "/admin" : "/review";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : home);
    }

    /// <summary>The account the form's credentials name, or null with the reason added to the model state.</summary>
    protected abstract Task<ClaimsPrincipal?> CheckCredentialsAsync(CancellationToken cancellationToken);
}
