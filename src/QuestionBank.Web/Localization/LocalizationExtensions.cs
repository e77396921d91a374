using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using QuestionBank.Data.Learners;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Localization;

public static class LocalizationExtensions
{
    /// <summary>The UI's languages; the first is the default, for clients that ask for none of them.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-CN")];

    /// <summary>Each language named in itself, as the switch and the settings offer it.</summary>
    public static string OwnName(CultureInfo culture) => culture.Name == "zh-CN" ? "中文" : "English";

    /// <summary>
    /// A request's language: a signed-in learner's chosen language (their settings, so it follows them to any
    /// device), else the cookie the header's switch sets, else Accept-Language, else English.
    /// Dates and numbers follow it too. No query-string provider: an address means the same page for everyone.
    /// </summary>
    public static void AddQuestionBankLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];
            // zh, zh-Hans, zh-SG... fall back to their parent; a browser asking for "zh" alone still gets Chinese.
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = [new LearnerRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider(), new ChineseRequestCultureProvider()];
        });
    }

    /// <summary>
    /// The header's language switch: a form (culture=zh-CN, returnUrl=/questions) posted to /language with its antiforgery
    /// token, which minimal APIs check for form-bound endpoints. It remembers the choice and goes back. A form of one button,
    /// so it works without script.
    /// </summary>
    public static void MapLanguageSwitch(this WebApplication app) =>
        app.MapPost("/language", async (HttpContext context, LearnerSettingsStore settings, [FromForm] string? culture, [FromForm] string? returnUrl) =>
        {
            if (Supported(culture) is not { } chosen)
            {
                return Results.BadRequest();
            }

            await context.RememberLanguageAsync(chosen, settings);
            // Only local addresses: anything else would make the switch an open redirect.
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && IsLocal(returnUrl) ? returnUrl : "/");
        }).ExcludeFromDescription();

    /// <summary>
    /// Remembers a chosen language: in the culture cookie for a year, and in a signed-in learner's settings, which
    /// follow them to any device (the header's switch and /me/settings).
    /// </summary>
    public static async Task RememberLanguageAsync(this HttpContext context, CultureInfo chosen, LearnerSettingsStore settings)
    {
        if (AccountService.AccountId(context.User) is { } learner)
        {
            await settings.SaveLanguageAsync(learner, chosen.Name, context.RequestAborted);
        }

        var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen));
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, value, new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>The site's language called <paramref name="culture"/>, or null when it has no such language.</summary>
    public static CultureInfo? Supported(string? culture) =>
        Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The language a signed-in learner chose, from their settings. Localization runs before the pipeline's
    /// authentication (so error pages speak the visitor's language), so this asks for the sign-in itself; the
    /// cookie handler keeps the answer for the rest of the request.
    /// </summary>
    private sealed class LearnerRequestCultureProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var signIn = await httpContext.AuthenticateAsync();
            if (signIn.Principal is not { } principal || AccountService.AccountId(principal) is not { } learner)
            {
                return null;
            }

            var store = httpContext.RequestServices.GetRequiredService<LearnerSettingsStore>();
            return Supported(await store.GetLanguageAsync(learner, httpContext.RequestAborted)) is { } chosen
                ? new ProviderCultureResult(chosen.Name)
                : null;
        }
    }

    /// <summary>Accept-Language names any Chinese ("zh", "zh-TW", "zh-Hans"): the site's one Chinese, zh-CN.</summary>
    private sealed class ChineseRequestCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage;
            var chinese = languages.Any(l => l.Value.Value is { } name && (name == "zh" || name.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)));
            return Task.FromResult(chinese ? new ProviderCultureResult("zh-CN") : null);
        }
    }
}
