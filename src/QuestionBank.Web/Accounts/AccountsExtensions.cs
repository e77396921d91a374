using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QuestionBank.Data;
using QuestionBank.Data.Accounts;
using QuestionBank.Data.Entities;
using QuestionBank.Web.Admin;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Accounts;

/// <summary>Cookie sign-in for learners and admins alike, and the rate limits of signing in and up.</summary>
public static class AccountsExtensions
{
    public const string LearnerPolicy = "Learner";
    public const string LoginRateLimit = "login";
    public const string SignUpRateLimit = "signup";
    public const string LoginPath = "/account/login";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName);
        services.AddScoped<AccountStore>();
        services.AddScoped<AccountService>();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();

        // Keys in the database: replicas behind a load balancer read each other's cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("QuestionBank").PersistKeysToDbContext<QuestionBankDbContext>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = LoginPath;
                options.LogoutPath = "/account/logout";
                options.Cookie.Name = "qb.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // APIs answer with status codes; pages send anonymous users to the sign-in page.
                options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                    ? Status(context.Response, StatusCodes.Status401Unauthorized)
                    : RedirectToLogin(context);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                // A cookie of a deleted account, or one from before a password change, signs no one in.
                options.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddAuthorizationBuilder().AddPolicy(LearnerPolicy, policy => policy.RequireRole(AccountService.LearnerRole));
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Account", LearnerPolicy);
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/SignUp");
            options.Conventions.AllowAnonymousToPage("/Account/Logout");
            // Admins sign in where they always have.
            options.Conventions.AddPageRoute("/Account/Login", AdminExtensions.LoginPath.TrimStart('/'));
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the form is free.
            options.AddPolicy(LoginRateLimit, context => Attempts(context, context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.LoginAttemptsPerMinute));
            options.AddPolicy(SignUpRateLimit, context => Attempts(context, context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SignUpsPerMinute));
        });
    }

    public static void UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
    }

    private static RateLimitPartition<string> Attempts(HttpContext context, int perMinute) => HttpMethods.IsPost(context.Request.Method)
        ? ClientRateLimits.PerMinute(context, perMinute)
        : RateLimitPartition.GetNoLimiter("show");

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        if (context.Principal is null || !await accounts.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        // The admin area keeps its own sign-in address; it is the same page. (The return address in
        // the query is encoded, so the first occurrence of the path is the path.)
        var uri = context.RedirectUri;
        var at = uri.IndexOf(LoginPath, StringComparison.Ordinal);
        context.Response.Redirect(context.Request.Path.StartsWithSegments("/admin") && at >= 0
            ? string.Concat(uri.AsSpan(0, at), AdminExtensions.LoginPath, uri.AsSpan(at + LoginPath.Length))
            : uri);
        return Task.CompletedTask;
    }
}
