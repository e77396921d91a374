using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Moderation;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Admin;

public static class AdminExtensions
{
    public const string AdminPolicy = "Admin";
    public const string LoginPath = "/admin/login";

    /// <summary>
    /// The body limit of the import endpoints only: an import may hold several files of up to 5 MB
    /// each, and the preview page posts them back base64-encoded. Every other request keeps
    /// <see cref="Extensions.Extensions.MaxRequestBytes"/>.
    /// </summary>
    public const int MaxImportRequestBytes = 64 * 1024 * 1024;

    /// <summary>The admin area on top of the accounts (<see cref="AccountsExtensions.AddAccounts"/>).</summary>
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddScoped<QuestionModeration>();
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(AccountService.AdminRole));
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Admin", AdminPolicy));
    }
}
