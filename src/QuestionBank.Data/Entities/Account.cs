namespace QuestionBank.Data.Entities;

/// <summary>Someone who can sign in. Only admins may use the admin area.</summary>
public sealed class Account
{
    public long Id { get; set; }

    public required string Email { get; set; }

    /// <summary>Upper-cased email, for case-insensitive unique look-ups.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2 with a per-password salt).</summary>
    public required string PasswordHash { get; set; }

    public bool IsAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
