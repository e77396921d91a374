using System.Security.Claims;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Apis;

/// <summary>What the signed-in learner's own APIs (me, my runs, exports, reviews) share.</summary>
internal static class LearnerEndpoints
{
    /// <summary>A group behind the learner policy: anonymous callers get 401.</summary>
    public static RouteGroupBuilder MapLearnerGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).WithTags(tag).RequireAuthorization(AccountsExtensions.LearnerPolicy);

    /// <summary>The signed-in learner's account id, on endpoints of a <see cref="MapLearnerGroup"/>.</summary>
    public static long LearnerId(this ClaimsPrincipal user) =>
        AccountService.AccountId(user) ?? throw new InvalidOperationException("The learner policy lets only signed-in accounts through.");
}
