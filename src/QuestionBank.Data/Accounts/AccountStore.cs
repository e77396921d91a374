using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Accounts;

/// <summary>Stores accounts; hashing passwords is the caller's job.</summary>
public sealed class AccountStore(QuestionBankDbContext db, TimeProvider clock)
{
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public Task<Account?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedEmail == Normalize(email), cancellationToken);

    public Task<Account?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>The account's current security stamp; null when the account no longer exists.</summary>
    public Task<string?> GetSecurityStampAsync(long id, CancellationToken cancellationToken = default) =>
        db.Accounts.Where(a => a.Id == id).Select(a => a.SecurityStamp).SingleOrDefaultAsync(cancellationToken);

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken = default) =>
        db.Accounts.AnyAsync(a => a.Role == AccountRole.Admin, cancellationToken);

    public Task<int> CountAdminsAsync(CancellationToken cancellationToken = default) =>
        db.Accounts.CountAsync(a => a.Role == AccountRole.Admin, cancellationToken);

    /// <summary>Creates the account, or replaces the password and role of the one with this email.</summary>
    public async Task<Account> SaveAsync(string email, string passwordHash, AccountRole role, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == Normalize(email), cancellationToken)
            ?? db.Accounts.Add(NewAccount(email, passwordHash)).Entity;
        account.PasswordHash = passwordHash;
        account.SecurityStamp = NewSecurityStamp();
        account.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Creates a learner; null when the email is taken (the unique index decides, so two sign-ups cannot both win).</summary>
    public async Task<Account?> CreateLearnerAsync(string email, string passwordHash, CancellationToken cancellationToken = default)
    {
        var account = db.Accounts.Add(NewAccount(email, passwordHash)).Entity;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return account;
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(account).State = EntityState.Detached;
            return null;
        }
    }

    /// <summary>Replaces the password and renews the security stamp, which signs out every other session.</summary>
    public async Task<Account?> SetPasswordAsync(long id, string passwordHash, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is not null)
        {
            account.PasswordHash = passwordHash;
            account.SecurityStamp = NewSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
        }

        return account;
    }

    /// <summary>Deletes the account; its cards and review log go with it (cascading foreign keys).</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        await db.Accounts.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    private Account NewAccount(string email, string passwordHash) => new()
    {
        Email = email.Trim(),
        NormalizedEmail = Normalize(email),
        PasswordHash = passwordHash,
        SecurityStamp = NewSecurityStamp(),
        Role = AccountRole.Learner,
        CreatedAt = clock.GetUtcNow(),
    };
}
