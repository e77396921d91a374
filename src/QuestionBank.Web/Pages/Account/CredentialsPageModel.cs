using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Localization;

namespace QuestionBank.Web.Pages.Account;

/// <summary>What the sign-in and sign-up forms share: email, password, where to go next.</summary>
// The attributes' messages and names are resource keys (AddDataAnnotationsLocalization).
public abstract class CredentialsPageModel(IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    [Display(Name = "Email")]
    [Required(ErrorMessage = "Enter your {0}.")]
    [EmailAddress(ErrorMessage = "This is not an email address.")]
    [StringLength(256, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    [Display(Name = "Password")]
    [Required(ErrorMessage = "Enter your {0}.")]
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

    protected IStringLocalizer Text => text;

    /// <summary>Why <see cref="AccountService"/> refused an email or a password, in the page's language.</summary>
    public static string Refusal(ArgumentException error, IStringLocalizer text) => error.ParamName == "email"
        ? text["This is not an email address."]
        : text["The password must have at least {0} characters.", AccountService.MinimumPasswordLength];

    /// <summary>The account the form's credentials name, or null with the reason added to the model state.</summary>
    protected abstract Task<ClaimsPrincipal?> CheckCredentialsAsync(CancellationToken cancellationToken);
}
