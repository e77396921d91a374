using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Accounts;

/// <summary>Stores accounts; hashing passwords is the caller's job.</summary>
public sealed class AccountStore(QuestionBankDbContext db, TimeProvider clock)
{
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public Task<Account?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedEmail == Normalize(email), cancellationToken);

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken = default) =>
        db.Accounts.AnyAsync(a => a.IsAdmin, cancellationToken);

    /// <summary>Creates the account, or replaces the password and role of the one with this email.</summary>
    public async Task<Account> SaveAsync(string email, string passwordHash, bool isAdmin, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.NormalizedEmail == Normalize(email), cancellationToken);
        if (account is null)
        {
            account = db.Accounts.Add(new Account
            {
                Email = email.Trim(),
                NormalizedEmail = Normalize(email),
                PasswordHash = passwordHash,
                CreatedAt = clock.GetUtcNow(),
            }).Entity;
        }

        account.PasswordHash = passwordHash;
        account.IsAdmin = isAdmin;
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }
}
