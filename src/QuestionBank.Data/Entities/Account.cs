namespace QuestionBank.Data.Entities;

/// <summary>Someone who can sign in: a learner, or an admin who may also use the admin area.</summary>
public sealed class Account
{
    public long Id { get; set; }

    public required string Email { get; set; }

    /// <summary>Upper-cased email, for case-insensitive unique look-ups.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2 with a per-password salt).</summary>
    public required string PasswordHash { get; set; }

    public AccountRole Role { get; set; }

    /// <summary>Renewed when the password changes: sign-in cookies carry it, and one with an old stamp is refused.</summary>
    public required string SecurityStamp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What an account may do; stored by name.</summary>
public enum AccountRole
{
    /// <summary>Reviews, progress and everything else of one's own.</summary>
    Learner,

    /// <summary>A learner who also imports and moderates the bank.</summary>
    Admin,
}
