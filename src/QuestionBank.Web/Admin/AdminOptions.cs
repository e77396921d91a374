namespace QuestionBank.Web.Admin;

/// <summary>Bound from <c>QuestionBank:Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "QuestionBank:Admin";

    /// <summary>With <see cref="Password"/>: the first admin, created at start-up when there is no admin yet.</summary>
    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
