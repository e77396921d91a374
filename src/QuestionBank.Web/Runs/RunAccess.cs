using System.Security.Claims;
using QuestionBank.Data.Entities;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Runs;

/// <summary>
/// Who may see a run: an anonymous run anyone with its id (as before learners), a learner's run
/// that learner only. Another learner is told it does not exist (404), an anonymous visitor to sign in (401).
/// </summary>
public static class RunAccess
{
    public enum Verdict
    {
        Allowed,
        SignInRequired,
        NotFound,
    }

    public static Verdict Check(ExerciseRun? run, ClaimsPrincipal user)
    {
        if (run is null)
        {
            return Verdict.NotFound;
        }
        if (run.AccountId is null)
        {
            return Verdict.Allowed;
        }
        return AccountService.AccountId(user) switch
        {
            null => Verdict.SignInRequired,
            var viewer when viewer == run.AccountId => Verdict.Allowed,
            _ => Verdict.NotFound,
        };
    }
}
