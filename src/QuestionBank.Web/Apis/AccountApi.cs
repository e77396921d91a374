using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Apis;

/// <summary>Sign-up, sign-in and the signed-in account, on the pages' cookie and antiforgery.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Account").RequireAntiforgery();
        api.MapGet("/antiforgery", GetAntiforgeryToken);
        api.MapPost("/signup", SignUp).RequireRateLimiting(AccountsExtensions.SignUpRateLimit);
        api.MapPost("/login", Login).RequireRateLimiting(AccountsExtensions.LoginRateLimit);
        // Cast: a handler taking only the HttpContext would otherwise bind as a RequestDelegate and drop its result.
        api.MapPost("/logout", (Func<HttpContext, Task<NoContent>>)Logout);
        api.MapGet("/", GetAccount).RequireAuthorization(AccountsExtensions.LearnerPolicy);
        api.MapPost("/password", ChangePassword).RequireAuthorization(AccountsExtensions.LearnerPolicy).RequireRateLimiting(AccountsExtensions.LoginRateLimit);
        api.MapDelete("/", DeleteAccount).RequireAuthorization(AccountsExtensions.LearnerPolicy).RequireRateLimiting(AccountsExtensions.LoginRateLimit);
        return api;
    }

    /// <summary>The token a script sends in the header it names with every POST, PUT and DELETE; it changes on sign-in and sign-out.</summary>
    public static Ok<AntiforgeryTokenResponse> GetAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.HeaderName!, tokens.RequestToken!));
    }

    public static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> SignUp(
        CredentialsRequest request, HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        try
        {
            var principal = await accounts.SignUpAsync(request.Email, request.Password, cancellationToken);
            if (principal is null)
            {
                return TypedResults.Problem(title: "Email taken", detail: "This email already has an account.", statusCode: StatusCodes.Status409Conflict);
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return TypedResults.Created("/api/account", Describe(principal));
        }
        catch (ArgumentException error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error.ParamName ?? "password"] = [error.Message] });
        }
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Login(
        CredentialsRequest request, HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        var principal = await accounts.SignInAsync(request.Email, request.Password, cancellationToken);
        if (principal is null)
        {
            return TypedResults.Problem(title: "Wrong email or password", statusCode: StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(Describe(principal));
    }

    public static async Task<NoContent> Logout(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static Ok<AccountResponse> GetAccount(ClaimsPrincipal user) => TypedResults.Ok(Describe(user));

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        try
        {
            var principal = await accounts.ChangePasswordAsync(AccountService.AccountId(context.User)!.Value, request.CurrentPassword, request.NewPassword, cancellationToken);
            if (principal is null)
            {
                return TypedResults.Problem(title: "The current password is wrong", statusCode: StatusCodes.Status400BadRequest);
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return TypedResults.NoContent();
        }
        catch (ArgumentException error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [error.Message] });
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccount(
        [FromBody] DeleteAccountRequest request, HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        if (await accounts.SignInAsync(context.User.Identity!.Name!, request.Password, cancellationToken) is null)
        {
            return TypedResults.Problem(title: "The password is wrong; the account was not deleted", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await accounts.DeleteAsync(AccountService.AccountId(context.User)!.Value, cancellationToken))
        {
            return TypedResults.Problem(title: "This is the last admin account", statusCode: StatusCodes.Status409Conflict);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static AccountResponse Describe(ClaimsPrincipal principal) => new(
        principal.Identity!.Name!,
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
}

public sealed record CredentialsRequest(
    [property: Required, EmailAddress, StringLength(256)] string Email,
    [property: Required, StringLength(1024)] string Password);

public sealed record ChangePasswordRequest([property: Required] string CurrentPassword, [property: Required, StringLength(1024)] string NewPassword);

public sealed record DeleteAccountRequest([property: Required] string Password);

public sealed record AccountResponse(string Email, IReadOnlyList<string> Roles);

public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);
