using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QuestionBank.Data.Accounts;
using QuestionBank.Data.Entities;

namespace QuestionBank.Web.Admin;

/// <summary>Accounts with ASP.NET Core Identity's password hasher on top of the account store.</summary>
public sealed class AccountService(
    AccountStore store,
    IPasswordHasher<Account> hasher,
    IOptions<AdminOptions> options,
    ILogger<AccountService> logger)
{
    public const string AdminRole = "admin";
    public const int MinimumPasswordLength = 12;

    /// <summary>The account's identity when the password is right; null otherwise.</summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(email, cancellationToken);
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            logger.LogWarning("Failed sign-in for {Email}", email);
            return null;
        }

        List<Claim> claims = [new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new(ClaimTypes.Name, account.Email)];
        if (account.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        logger.LogInformation("{Email} signed in", account.Email);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Creates the account, or resets the password and role of an existing one.</summary>
    /// <exception cref="ArgumentException">The email or password is not acceptable.</exception>
    public async Task SaveAsync(string email, string password, bool isAdmin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        }

        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"The password must have at least {MinimumPasswordLength} characters.", nameof(password));
        }

        var placeholder = new Account { Email = email, NormalizedEmail = AccountStore.Normalize(email), PasswordHash = string.Empty };
        await store.SaveAsync(email, hasher.HashPassword(placeholder, password), isAdmin, cancellationToken);
        logger.LogInformation("Saved account {Email} (admin: {IsAdmin})", email, isAdmin);
    }

    /// <summary>Creates the configured first admin when there is no admin yet; the configuration is not read again after that.</summary>
    public async Task EnsureFirstAdminAsync(CancellationToken cancellationToken)
    {
        var (email, password) = (options.Value.Email, options.Value.Password);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || await store.AnyAdminAsync(cancellationToken))
        {
            return;
        }

        await SaveAsync(email, password, isAdmin: true, cancellationToken);
    }
}
