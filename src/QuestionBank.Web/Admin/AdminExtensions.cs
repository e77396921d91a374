using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QuestionBank.Data.Moderation;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Admin;

public static class AdminExtensions
{
    public const string AdminPolicy = "Admin";
    public const string LoginPath = "/admin/login";

    /// <summary>The admin area on top of the accounts (<see cref="AccountsExtensions.AddAccounts"/>).</summary>
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddOptions<ImportLimitsOptions>().BindConfiguration(ImportLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuestionModeration>();
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(AccountService.AdminRole));
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Admin", AdminPolicy));
        // The import page's body limits come from the options, which attributes cannot read.
        services.AddOptions<RazorPagesOptions>().Configure<IOptions<ImportLimitsOptions>>((options, limits) =>
            options.Conventions.AddPageApplicationModelConvention("/Admin/Import", page =>
            {
                page.Filters.Add(new RequestSizeLimitAttribute(limits.Value.MaxRequestBytes));
                page.Filters.Add(new RequestFormLimitsAttribute
                {
                    MultipartBodyLengthLimit = limits.Value.MaxRequestBytes,
                    ValueLengthLimit = (int)Math.Min(int.MaxValue, limits.Value.MaxRequestBytes),
                });
            }));
    }
}
