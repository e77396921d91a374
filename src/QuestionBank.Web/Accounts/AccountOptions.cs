namespace QuestionBank.Web.Accounts;

/// <summary>Bound from <c>QuestionBank:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "QuestionBank:Accounts";

    /// <summary>Sign-ups allowed per client address per minute.</summary>
    public int SignUpsPerMinute { get; set; } = 5;
}
