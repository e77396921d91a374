using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data;
using QuestionBank.Data.Accounts;
using QuestionBank.Data.Entities;
using QuestionBank.Data.Moderation;
using QuestionBank.Web.Extensions;

namespace QuestionBank.Web.Admin;

public static class AdminExtensions
{
    public const string AdminPolicy = "Admin";
    public const string LoginRateLimit = "login";
    public const string LoginPath = "/admin/login";

    /// <summary>
    /// The body limit of the import endpoints only: an import may hold several files of up to 5 MB
    /// each, and the preview page posts them back base64-encoded. Every other request keeps
    /// <see cref="Extensions.Extensions.MaxRequestBytes"/>.
    /// </summary>
    public const int MaxImportRequestBytes = 64 * 1024 * 1024;

    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddScoped<AccountStore>();
        services.AddScoped<AccountService>();
        services.AddScoped<QuestionModeration>();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();

        // Keys in the database: replicas behind a load balancer read each other's cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("QuestionBank").PersistKeysToDbContext<QuestionBankDbContext>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = LoginPath;
                options.LogoutPath = "/admin/logout";
                options.Cookie.Name = "qb.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // APIs answer with status codes; pages send anonymous users to the sign-in page.
                options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                    ? Status(context.Response, StatusCodes.Status401Unauthorized)
                    : Redirect(context);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(AccountService.AdminRole));
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            options.Conventions.AllowAnonymousToPage("/Admin/Login");
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the form is free.
            options.AddPolicy(LoginRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? ClientRateLimits.PerMinute(context,
                    context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdminOptions>>().Value.LoginAttemptsPerMinute)
                : RateLimitPartition.GetNoLimiter("show"));
        });
    }

    public static void UseAdmin(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
