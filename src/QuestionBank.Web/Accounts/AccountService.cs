using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QuestionBank.Data.Accounts;
using QuestionBank.Data.Entities;
using QuestionBank.Web.Admin;

namespace QuestionBank.Web.Accounts;

/// <summary>Accounts with ASP.NET Core Identity's password hasher on top of the account store.</summary>
public sealed class AccountService(
    AccountStore store,
    IPasswordHasher<Account> hasher,
    IOptions<AdminOptions> options,
    ILogger<AccountService> logger)
{
    public const string AdminRole = "admin";
    public const string LearnerRole = "learner";
    public const string SecurityStampClaim = "qb:stamp";
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

        logger.LogInformation("{Email} signed in", account.Email);
        return Principal(account);
    }

    /// <summary>Creates a learner and returns its identity; null when the email is taken.</summary>
    /// <exception cref="ArgumentException">The email or password is not acceptable.</exception>
    public async Task<ClaimsPrincipal?> SignUpAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await store.CreateLearnerAsync(email, Hash(email, password), cancellationToken);
        if (account is null)
        {
            logger.LogWarning("Sign-up refused: {Email} is taken", email);
            return null;
        }

        logger.LogInformation("Learner {Email} signed up", account.Email);
        return Principal(account);
    }

    /// <summary>Replaces the password when the current one is right; the new identity carries the renewed stamp.</summary>
    /// <exception cref="ArgumentException">The new password is too short.</exception>
    public async Task<ClaimsPrincipal?> ChangePasswordAsync(long accountId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(accountId, cancellationToken);
        if (account is null || hasher.VerifyHashedPassword(account, account.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            logger.LogWarning("Password change refused for account {AccountId}: wrong current password", accountId);
            return null;
        }

        var changed = await store.SetPasswordAsync(accountId, Hash(account.Email, newPassword), cancellationToken);
        logger.LogInformation("Account {AccountId} changed its password", accountId);
        return changed is null ? null : Principal(changed);
    }

    /// <summary>Deletes the account with everything of it; false when it is the last admin (the bank would have none).</summary>
    public async Task<bool> DeleteAsync(long accountId, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(accountId, cancellationToken);
        if (account is null)
        {
            return true;
        }

        if (account.Role == AccountRole.Admin && await store.CountAdminsAsync(cancellationToken) == 1)
        {
            return false;
        }

        await store.DeleteAsync(accountId, cancellationToken);
        logger.LogInformation("Account {AccountId} was deleted by its owner", accountId);
        return true;
    }

    /// <summary>Whether a sign-in cookie still stands: its account exists and its password has not changed since.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        AccountId(principal) is { } id
        && principal.FindFirstValue(SecurityStampClaim) is { } stamp
        && await store.GetSecurityStampAsync(id, cancellationToken) == stamp;

    /// <summary>The signed-in account's id; null for anonymous visitors.</summary>
    public static long? AccountId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Creates the account, or resets the password and role of an existing one.</summary>
    /// <exception cref="ArgumentException">The email or password is not acceptable.</exception>
    public async Task SaveAsync(string email, string password, bool isAdmin, CancellationToken cancellationToken)
    {
        await store.SaveAsync(email, Hash(email, password), isAdmin ? AccountRole.Admin : AccountRole.Learner, cancellationToken);
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

    /// <summary>The one password rule, for admins and learners alike, then the hash.</summary>
    private string Hash(string email, string password)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Trim().Length > 256)
        {
            throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        }

        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"The password must have at least {MinimumPasswordLength} characters.", nameof(password));
        }

        var placeholder = new Account { Email = email, NormalizedEmail = AccountStore.Normalize(email), PasswordHash = string.Empty, SecurityStamp = string.Empty };
        return hasher.HashPassword(placeholder, password);
    }

    private static ClaimsPrincipal Principal(Account account)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Email),
            new(SecurityStampClaim, account.SecurityStamp),
            new(ClaimTypes.Role, LearnerRole),
        ];
        if (account.Role == AccountRole.Admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
