using System.Globalization;
using System.Security.Claims;
using QuestionBank.Data.Runs;
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

    public static Verdict Check(RunOwner? run, ClaimsPrincipal user)
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

    /// <summary>An endpoint filter for routes with a run's <c>{id}</c>: 401 or 404 unless <see cref="Check"/> allows.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var id = Guid.Parse((string)http.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        var owner = await http.RequestServices.GetRequiredService<RunQueries>().OwnerAsync(id, http.RequestAborted);
        return Check(owner, http.User) switch
        {
            Verdict.Allowed => await next(context),
            Verdict.SignInRequired => TypedResults.Unauthorized(),
            _ => TypedResults.NotFound(),
        };
    }
}
